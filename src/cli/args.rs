//! The command line as clap reads it: commands, options and their Dutch help (usage
//! errors are in `usage.rs`).

use std::path::PathBuf;

use clap::{ArgAction, Parser, Subcommand, ValueEnum};

const HELP_TEMPLATE: &str = "\
{before-help}{name} {version}
{about}

Gebruik: {usage}

{all-args}{after-help}";

const SUB_TEMPLATE: &str = "\
{about}

Gebruik: {usage}

{all-args}{after-help}";

#[derive(Parser, Debug)]
#[command(
    name = "grc",
    version,
    about = "Compiler en diff-gereedschap voor gemeenschappelijke regelingen (Wgr).",
    help_template = HELP_TEMPLATE,
    override_usage = "grc [OPTIES] <OPDRACHT>",
    subcommand_help_heading = "Opdrachten",
    subcommand_value_name = "OPDRACHT",
    next_help_heading = "Opties",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    after_help = "Hulp bij een opdracht: grc help <OPDRACHT> of grc <OPDRACHT> --help.\n\
                  Afsluitcodes: 0 geen fouten (waarschuwingen toegestaan), 1 fouten in een document, \
                  2 verkeerd gebruik of een probleem met bestanden."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Toon deze hulp.
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    help: Option<bool>,
    /// Toon het versienummer.
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
    /// Een map met eigen sjablonen: een bestand met de naam van een ingebouwd sjabloon
    /// (regeling.html, stijl.css, regeling.md, ...) vervangt dat sjabloon.
    #[arg(long, value_name = "MAP", global = true, help_heading = "Opties")]
    pub templates: Option<PathBuf>,
    /// Kleur in meldingen: auto (standaard: alleen op een terminal en zonder NO_COLOR),
    /// always of never.
    #[arg(
        long,
        value_enum,
        value_name = "WANNEER",
        default_value_t = Color::Auto,
        hide_default_value = true,
        hide_possible_values = true,
        global = true,
        help_heading = "Opties"
    )]
    pub color: Color,
}

/// `--color`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Toon de boom van een regeling: hoofdstukken, artikelen, leden, onderdelen met hun eId.
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "grc tree [OPTIES] <BESTAND>"
    )]
    Tree {
        /// Het .gr-bestand.
        #[arg(value_name = "BESTAND", display_order = 1, help_heading = "Argumenten")]
        file: PathBuf,
        /// Uitvoervorm: text (een overzicht, standaard) of json (de hele boom).
        #[arg(
            long,
            value_enum,
            default_value_t = TreeFormat::Text,
            value_name = "VORM",
            hide_default_value = true,
            hide_possible_values = true,
            help_heading = "Opties"
        )]
        format: TreeFormat,
        #[command(flatten)]
        out: OutFile,
    },
    /// Controleer regelingen en meld fouten, waarschuwingen en opmerkingen.
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "grc check [OPTIES] <BESTAND>..."
    )]
    Check {
        /// Een of meer .gr-bestanden.
        #[arg(value_name = "BESTAND", required = true, help_heading = "Argumenten")]
        files: Vec<PathBuf>,
        /// Uitvoervorm: text (leesbaar, standaard) of json (voor CI).
        #[arg(
            long,
            value_enum,
            default_value_t = CheckFormat::Text,
            value_name = "VORM",
            hide_default_value = true,
            hide_possible_values = true,
            help_heading = "Opties"
        )]
        format: CheckFormat,
        /// Controleer ook de spelling (L006, met het woordenboek van OpenTaal; het laden
        /// kost ongeveer 0,1 seconde).
        #[arg(long, help_heading = "Opties")]
        spelling: bool,
        #[command(flatten)]
        out: OutFile,
    },
    /// Toon elke verwijzing in een regeling: soort (intern, relatief, extern) en waarheen.
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "grc refs [OPTIES] <BESTAND>"
    )]
    Refs {
        /// Het .gr-bestand.
        #[arg(value_name = "BESTAND", display_order = 1, help_heading = "Argumenten")]
        file: PathBuf,
        /// Uitvoervorm: text (een regel per verwijzing, standaard) of json.
        #[arg(
            long,
            value_enum,
            default_value_t = TreeFormat::Text,
            value_name = "VORM",
            hide_default_value = true,
            hide_possible_values = true,
            help_heading = "Opties"
        )]
        format: TreeFormat,
        #[command(flatten)]
        out: OutFile,
    },
    /// Pas de automatische verbeteringen toe (verwijzingen in de vorm van Ar 3.29, ook "het
    /// vorige lid"; dubbele woorden). Zonder --write alleen een diff.
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "grc fix [OPTIES] <BESTAND>"
    )]
    Fix {
        #[command(flatten)]
        edit: EditArgs,
    },
    /// Hernummer leden, onderdelen en subonderdelen (en met --artikelen ook artikelen) en pas
    /// de verwijzingen aan. Zonder --write alleen een diff.
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "grc renumber [OPTIES] <BESTAND>"
    )]
    Renumber {
        #[command(flatten)]
        edit: EditArgs,
        /// Hernummer ook de artikelen (1, 2, 3 ...; ingevoegde nummers als 20a verdwijnen).
        #[arg(long, help_heading = "Opties")]
        artikelen: bool,
    },
    /// Toon de stemverhouding in het algemeen bestuur per gemeente (leden, stemmen, aandeel,
    /// macht); met twee bestanden oud en nieuw naast elkaar.
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "grc stemmen [OPTIES] <BESTAND> [BESTAND2]"
    )]
    Stemmen {
        /// Het .gr-bestand (met BESTAND2: de oude versie).
        #[arg(value_name = "BESTAND", display_order = 1, help_heading = "Argumenten")]
        file: PathBuf,
        /// De nieuwe versie, naast de oude gezet.
        #[arg(
            value_name = "BESTAND2",
            display_order = 2,
            help_heading = "Argumenten"
        )]
        second: Option<PathBuf>,
        /// Inwonertallen (CSV: gemeente,inwoners,peildatum). De gemeenten in dit bestand zijn
        /// dan de deelnemers (een scenario). Standaard: het bestand dat de metadata noemen.
        #[arg(long, value_name = "CSV", help_heading = "Opties")]
        inwoners: Option<PathBuf>,
        /// Uitvoervorm: text (de stemverhouding als document, standaard) of json.
        #[arg(
            long,
            value_enum,
            default_value_t = StemmenFormat::Text,
            value_name = "VORM",
            hide_default_value = true,
            hide_possible_values = true,
            help_heading = "Opties"
        )]
        format: StemmenFormat,
        /// Opmaak van het document: text (standaard), md of html.
        #[arg(
            long,
            value_enum,
            value_name = "OPMAAK",
            hide_possible_values = true,
            help_heading = "Opties"
        )]
        to: Option<StemmenTo>,
        #[command(flatten)]
        out: OutFile,
    },
    /// Vergelijk twee versies van een regeling: wat is gewijzigd, ingevoegd, vervallen,
    /// vernummerd of verplaatst, tot op het woord.
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "grc diff [OPTIES] <OUD> <NIEUW>"
    )]
    Diff {
        /// De oude versie (.gr).
        #[arg(value_name = "OUD", display_order = 1, help_heading = "Argumenten")]
        old: PathBuf,
        /// De nieuwe versie (.gr).
        #[arg(value_name = "NIEUW", display_order = 2, help_heading = "Argumenten")]
        new: PathBuf,
        /// Uitvoervorm: json (standaard), tabel (wijzigingstabel), renvooi of besluit
        /// (wijzigingsbesluit).
        #[arg(
            long,
            value_enum,
            default_value_t = DiffFormat::Json,
            value_name = "VORM",
            hide_default_value = true,
            hide_possible_values = true,
            help_heading = "Opties"
        )]
        format: DiffFormat,
        /// Opmaak van tabel, renvooi en besluit: md (standaard), html, docx (Word; de renvooi
        /// met bijgehouden wijzigingen) of text (alleen besluit).
        #[arg(
            long,
            value_enum,
            value_name = "OPMAAK",
            hide_possible_values = true,
            help_heading = "Opties"
        )]
        to: Option<DiffTo>,
        /// Vanaf deze gelijkenis (0 tot 1, standaard 0,5) gelden twee artikelen, leden of
        /// onderdelen met een ander nummer en opschrift als hetzelfde (vernummerd of verplaatst).
        #[arg(
            long,
            value_name = "GETAL",
            default_value_t = 0.5,
            value_parser = threshold,
            hide_default_value = true,
            help_heading = "Opties"
        )]
        drempel: f64,
        /// Verschil in hoofdletters telt niet als wijziging.
        #[arg(long, help_heading = "Opties")]
        ignore_case: bool,
        /// Verschil in leestekens telt niet als wijziging.
        #[arg(long, help_heading = "Opties")]
        ignore_punctuation: bool,
        /// The name of `--ignore-case` before options followed one rule (hidden, warned).
        #[arg(long, hide = true)]
        hoofdletters_negeren: bool,
        /// The name of `--ignore-punctuation` before (hidden, warned).
        #[arg(long, hide = true)]
        leestekens_negeren: bool,
        /// Toelichtingen per eId voor de wijzigingstabel (TOML); standaard het bestand dat
        /// regelingen/wijzigingen.toml voor dit paar noemt.
        #[arg(long, value_name = "BESTAND", help_heading = "Opties")]
        toelichting: Option<PathBuf>,
        /// Vorm van het besluit: wijziging (opdrachten per artikel) of integraal (de regeling
        /// komt opnieuw te luiden). Standaard integraal als het opschrift of de aanhef wijzigt
        /// (Ar 6.7) of het grootste deel van de regeling, anders wijziging.
        #[arg(
            long,
            value_enum,
            value_name = "VORM",
            hide_possible_values = true,
            help_heading = "Opties"
        )]
        vorm: Option<BesluitVorm>,
        #[command(flatten)]
        out: OutFile,
    },
    /// Pas een wijzigingsbesluit (tekstvorm, zoals grc diff --format besluit --to text het
    /// schrijft) toe op een regeling en schrijf de geconsolideerde regeling (.gr).
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "grc apply [OPTIES] <REGELING> <BESLUIT>"
    )]
    Apply {
        /// De regeling zoals die nu luidt (.gr).
        #[arg(
            value_name = "REGELING",
            display_order = 1,
            help_heading = "Argumenten"
        )]
        regeling: PathBuf,
        /// Het wijzigingsbesluit (tekst).
        #[arg(value_name = "BESLUIT", display_order = 2, help_heading = "Argumenten")]
        besluit: PathBuf,
        #[command(flatten)]
        out: OutFile,
    },
    /// Maak de geconsolideerde tekst van een regeling op als HTML (een zelfstandige pagina)
    /// of Markdown.
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "grc render [OPTIES] <BESTAND>"
    )]
    Render {
        /// Het .gr-bestand.
        #[arg(value_name = "BESTAND", display_order = 1, help_heading = "Argumenten")]
        file: PathBuf,
        /// Uitvoervorm: html (standaard), md of docx (Word).
        #[arg(
            long,
            value_enum,
            default_value_t = RenderFormat::Html,
            value_name = "VORM",
            hide_default_value = true,
            hide_possible_values = true,
            help_heading = "Opties"
        )]
        to: RenderFormat,
        #[command(flatten)]
        out: OutFile,
    },
    /// Lees een gepubliceerde regeling in XML (CVDR van lokaleregelgeving.overheid.nl of BWB
    /// van wetten.overheid.nl) en schrijf haar als .gr-bestand.
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "grc import [OPTIES] <BESTAND>"
    )]
    Import {
        /// Het XML-bestand.
        #[arg(value_name = "BESTAND", help_heading = "Argumenten")]
        file: PathBuf,
        #[command(flatten)]
        out: OutFile,
    },
    /// Schrijf een regeling als STOP-XML (IMOP 1.3.0, RegelingCompact); met twee bestanden
    /// het wijzigingsbesluit van oud naar nieuw (BesluitCompact met RegelingMutatie).
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "grc export [OPTIES] stop <BESTAND> [NIEUW]"
    )]
    Export {
        /// De standaard: stop.
        #[arg(
            value_enum,
            value_name = "STANDAARD",
            display_order = 1,
            hide_possible_values = true,
            help_heading = "Argumenten"
        )]
        standard: ExportStandard,
        /// Het .gr-bestand (met NIEUW: de oude versie).
        #[arg(value_name = "BESTAND", display_order = 2, help_heading = "Argumenten")]
        file: PathBuf,
        /// De nieuwe versie: schrijf het wijzigingsbesluit van BESTAND naar NIEUW.
        #[arg(value_name = "NIEUW", display_order = 3, help_heading = "Argumenten")]
        new: Option<PathBuf>,
        /// De code van het bevoegd gezag voor de wId's (zoals gm0361); zonder deze optie
        /// staat er de plaatshouder `onbekend`, met een waarschuwing.
        #[arg(
            long = "bevoegd-gezag",
            value_name = "CODE",
            value_parser = bevoegd_gezag,
            help_heading = "Opties"
        )]
        bevoegd_gezag: Option<String>,
        #[command(flatten)]
        out: OutFile,
    },
    /// Bouw alle regelingen in een map (standaard regelingen/) naar een uitvoermap (standaard out/).
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "grc build [OPTIES] [MAP]"
    )]
    Build {
        /// De map met .gr-bestanden (standaard regelingen).
        #[arg(
            value_name = "MAP",
            default_value = "regelingen",
            hide_default_value = true,
            help_heading = "Argumenten"
        )]
        dir: PathBuf,
        /// De uitvoermap (standaard out).
        #[arg(
            short = 'o',
            long = "out",
            value_name = "MAP",
            default_value = "out",
            hide_default_value = true,
            help_heading = "Opties"
        )]
        out: PathBuf,
        /// Laat de spellingcontrole (L006) weg uit het controlerapport; standaard staat
        /// die erin.
        #[arg(long = "zonder-spelling", help_heading = "Opties")]
        zonder_spelling: bool,
    },
    /// Schrijf het aanvullingsscript voor een shell (bash, zsh, fish, powershell of elvish),
    /// zodat de shell opdrachten en opties van grc aanvult.
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "grc completions [OPTIES] <SHELL>"
    )]
    Completions {
        /// De shell: bash, zsh, fish, powershell of elvish.
        #[arg(
            value_enum,
            value_name = "SHELL",
            hide_possible_values = true,
            help_heading = "Argumenten"
        )]
        shell: clap_complete::Shell,
        #[command(flatten)]
        out: OutFile,
    },
    /// Schrijf de handleiding (man-pagina, roff) van grc of van een opdracht.
    #[command(
        help_template = SUB_TEMPLATE,
        override_usage = "grc man [OPTIES] [OPDRACHT]"
    )]
    Man {
        /// De opdracht (zoals diff); zonder: de pagina van grc zelf.
        #[arg(value_name = "OPDRACHT", help_heading = "Argumenten")]
        command: Option<String>,
        #[command(flatten)]
        out: OutFile,
    },
}

/// `--bevoegd-gezag`: a code a wId can hold (`grc::render::stop::valid_code`).
fn bevoegd_gezag(s: &str) -> Result<String, String> {
    if grc::render::stop::valid_code(s) {
        Ok(s.to_string())
    } else {
        Err(format!(
            "{s} is geen code van een bevoegd gezag (kleine letters en cijfers, zoals gm0361)"
        ))
    }
}

/// `--drempel`: a number from 0 to 1, written the Dutch way (`0,7`) or with a point.
fn threshold(s: &str) -> Result<f64, String> {
    match s.trim().replace(',', ".").parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        Ok(_) => Err(format!("{s} ligt niet tussen 0 en 1")),
        Err(_) => Err(format!("{s} is geen getal (schrijf bijvoorbeeld 0,7)")),
    }
}

/// The `-o` of every command that writes one file.
#[derive(clap::Args, Debug)]
pub struct OutFile {
    /// Schrijf naar dit bestand (atomair) in plaats van naar de standaarduitvoer (- is de
    /// standaarduitvoer).
    #[arg(
        short = 'o',
        long = "out",
        value_name = "BESTAND",
        help_heading = "Opties"
    )]
    out: Option<PathBuf>,
}

impl OutFile {
    /// The file to write, `None` for standard output (no `-o`, or `-o -`).
    pub fn file(self) -> Option<PathBuf> {
        self.out.filter(|p| p.as_os_str() != "-")
    }
}

/// What `grc fix` and `grc renumber` share: the file, and whether to write it.
#[derive(clap::Args, Debug)]
pub struct EditArgs {
    /// Het .gr-bestand.
    #[arg(value_name = "BESTAND", display_order = 1, help_heading = "Argumenten")]
    pub file: PathBuf,
    /// Schrijf het bestand (atomair); zonder deze optie wordt niets gewijzigd.
    #[arg(long, help_heading = "Opties")]
    pub write: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportStandard {
    /// STOP/IMOP 1.3.0.
    Stop,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TreeFormat {
    Text,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StemmenFormat {
    Text,
    Json,
    /// `--format markdown` (or `md`) and `--format html` name the markup, which is
    /// `--to` in every other command: still read, hidden, with a warning.
    #[value(alias = "md", hide = true)]
    Markdown,
    #[value(hide = true)]
    Html,
}

/// `grc stemmen --to`: the markup of the document.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StemmenTo {
    Text,
    #[value(alias = "markdown")]
    Md,
    Html,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffFormat {
    Json,
    Tabel,
    Renvooi,
    Besluit,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum BesluitVorm {
    Wijziging,
    Integraal,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffTo {
    Md,
    Html,
    Text,
    Docx,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RenderFormat {
    Html,
    Md,
    Docx,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    /// `human`: the name before every command called its readable output `text`.
    #[value(alias = "human")]
    Text,
    Json,
}
