//! Rendering: data in, text out, through the minijinja templates in `templates/`
//! (embedded in the binary). Renderers build plain serialisable view data; templates do
//! all the layout. Nothing here builds markup by concatenating strings.

pub mod check;
pub mod docx;
mod escape;
pub mod index;
pub mod inline;
pub mod markdown;
pub mod refs;
pub mod regeling;
pub mod stemmen;
pub mod stop;
#[cfg(test)]
pub(crate) mod test_files;
pub mod wijzigingen;

use minijinja::Environment;

/// The built-in templates, by name.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("stijl.css", include_str!("../../templates/stijl.css")),
    (
        "regeling.html",
        include_str!("../../templates/regeling.html"),
    ),
    ("regeling.md", include_str!("../../templates/regeling.md")),
    ("index.html", include_str!("../../templates/index.html")),
    ("check.html", include_str!("../../templates/check.html")),
    ("besluit.txt", include_str!("../../templates/besluit.txt")),
    ("besluit.md", include_str!("../../templates/besluit.md")),
    ("besluit.html", include_str!("../../templates/besluit.html")),
    ("tabel.md", include_str!("../../templates/tabel.md")),
    ("tabel.html", include_str!("../../templates/tabel.html")),
    ("renvooi.md", include_str!("../../templates/renvooi.md")),
    ("renvooi.html", include_str!("../../templates/renvooi.html")),
    ("refs.txt", include_str!("../../templates/refs.txt")),
    ("stemmen.txt", include_str!("../../templates/stemmen.txt")),
    ("stemmen.md", include_str!("../../templates/stemmen.md")),
    ("stemmen.html", include_str!("../../templates/stemmen.html")),
    (
        "stemmen-vergelijking.html",
        include_str!("../../templates/stemmen-vergelijking.html"),
    ),
    (
        "stemmen-vergelijking.txt",
        include_str!("../../templates/stemmen-vergelijking.txt"),
    ),
    (
        "stemmen-vergelijking.md",
        include_str!("../../templates/stemmen-vergelijking.md"),
    ),
    (
        "docx-content-types.xml",
        include_str!("../../templates/docx-content-types.xml"),
    ),
    (
        "docx-rels.xml",
        include_str!("../../templates/docx-rels.xml"),
    ),
    (
        "docx-core.xml",
        include_str!("../../templates/docx-core.xml"),
    ),
    (
        "docx-document-rels.xml",
        include_str!("../../templates/docx-document-rels.xml"),
    ),
    (
        "docx-styles.xml",
        include_str!("../../templates/docx-styles.xml"),
    ),
    (
        "docx-settings.xml",
        include_str!("../../templates/docx-settings.xml"),
    ),
    (
        "docx-sectie.xml",
        include_str!("../../templates/docx-sectie.xml"),
    ),
    (
        "docx-tekst.xml",
        include_str!("../../templates/docx-tekst.xml"),
    ),
    (
        "tabel.docx.xml",
        include_str!("../../templates/tabel.docx.xml"),
    ),
    (
        "renvooi.docx.xml",
        include_str!("../../templates/renvooi.docx.xml"),
    ),
    (
        "besluit.docx.xml",
        include_str!("../../templates/besluit.docx.xml"),
    ),
    (
        "regeling.docx.xml",
        include_str!("../../templates/regeling.docx.xml"),
    ),
    (
        "stop-regeling.xml",
        include_str!("../../templates/stop-regeling.xml"),
    ),
    (
        "stop-besluit.xml",
        include_str!("../../templates/stop-besluit.xml"),
    ),
    ("stop.xml", include_str!("../../templates/stop.xml")),
];

/// A template environment with the built-in templates. HTML templates (`.html`) escape
/// every value; Markdown templates escape with the `md` filter where text goes; plain
/// text is not escaped. XML templates (`.xml`: Word's parts and STOP) escape with
/// `xml_escape`, which also keeps characters XML does not allow out of the document.
pub fn environment() -> Environment<'static> {
    let mut env = base_environment();
    builtin_loader(&mut env);
    env
}

/// The built-in templates, each compiled when it is first asked for: compiling all of
/// them took 6 M instructions at the start of every command, `grc diff --format json`
/// and `grc check` included, which render nothing (issue 17). Every built-in template is
/// rendered by the tests, so none fails to compile in use.
fn builtin_loader(env: &mut Environment<'static>) {
    env.set_loader(|name| {
        Ok(TEMPLATES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, source)| source.to_string()))
    });
}

/// The built-in templates with some replaced or added by name (`--templates DIR`). An
/// override that does not compile is an error naming the file and line, in Dutch.
pub fn environment_with(overrides: Vec<(String, String)>) -> Result<Environment<'static>, String> {
    let mut env = base_environment();
    // An override is compiled now (its error named at once) and found before the loader.
    builtin_loader(&mut env);
    for (name, source) in overrides {
        env.add_template_owned(name.clone(), source)
            .map_err(|e| template_error(&name, &e))?;
    }
    Ok(env)
}

/// A template problem in Dutch, with the template's name and line; minijinja's own
/// detail (English) is kept in brackets because it names the exact construct.
fn template_error(name: &str, e: &minijinja::Error) -> String {
    use minijinja::ErrorKind as K;
    let what = match e.kind() {
        K::SyntaxError => "syntaxisfout",
        K::UndefinedError => "onbekende waarde",
        K::TemplateNotFound => "sjabloon niet gevonden",
        K::UnknownFilter => "onbekend filter",
        K::UnknownFunction => "onbekende functie",
        K::UnknownTest => "onbekende test",
        K::InvalidOperation => "ongeldige bewerking",
        K::MissingArgument | K::TooManyArguments => "verkeerd aantal argumenten",
        K::OutOfFuel => {
            "het sjabloon doet te veel werk en is afgebroken (een lus in een lus over veel elementen?)"
        }
        _ => "fout",
    };
    let name = e.name().unwrap_or(name);
    let line = e.line().map(|l| format!(", regel {l}")).unwrap_or_default();
    match e.detail() {
        Some(detail) => format!("sjabloon {name}{line}: {what} ({detail})"),
        None => format!("sjabloon {name}{line}: {what}"),
    }
}

/// The work one render may do, in minijinja's fuel (about one per instruction and one per
/// 64 bytes of output): a template that loops without end (a nested loop over big
/// ranges) stops with a template error instead of running forever. The built-in
/// templates use less than one fuel per byte of `.gr` source (SORA 2022, 45 KB: 33 000
/// for its HTML page, 30 000 for Markdown; tested), so this allows regelingen of over
/// 50 MB.
pub const FUEL: u64 = 50_000_000;

/// The auto-escape mode of `.xml` templates.
const XML: &str = "xml";

/// Text as XML character data or attribute value: the five markup characters escaped,
/// and the characters XML 1.0 does not allow at all (controls other than tab and line
/// breaks) replaced by U+FFFD, so no text can make the document ill-formed.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let Ok(()) = escape::write_xml(&mut out, s) else {
        unreachable!("writing into a String cannot fail")
    };
    out
}

fn base_environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_fuel(Some(FUEL));
    // Printing a value that does not exist is an error (a typo in an override shows up),
    // while `{% if x %}` on a missing optional value is simply false.
    env.set_undefined_behavior(minijinja::UndefinedBehavior::SemiStrict);
    env.add_filter("md", markdown::escape_filter);
    env.add_filter("md_marks", markdown::marks_filter);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") {
            minijinja::AutoEscape::Html
        } else if name.ends_with(".xml") {
            minijinja::AutoEscape::Custom(XML.into())
        } else {
            minijinja::AutoEscape::None
        }
    });
    env.set_formatter(format_value);
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .expect("the default delimiters are valid"),
    );
    env
}

/// Writes a printed value (`{{ ... }}`) into the output. A string that is not safe
/// already (a macro's output is) is written here, escaped for the template's kind, with
/// the bytes minijinja's own formatter writes: through it, every text of a Markdown or
/// plain-text template went through `core::fmt` (`write!(out, "{value}")`), and every
/// text of an HTML template was scanned once for a character to escape and escaped in a
/// second pass (issue 17). Numbers and the rest take minijinja's route (in XML templates
/// their text, escaped).
fn format_value(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    use minijinja::AutoEscape;
    let xml = matches!(state.auto_escape(), AutoEscape::Custom(n) if n == XML);
    let text = match value.kind() {
        minijinja::value::ValueKind::String if !value.is_safe() => value.as_str(),
        _ => None,
    };
    match (state.auto_escape(), text) {
        // A string is escaped where it is, into the output (it was copied by
        // `to_string`, escaped a character at a time into another copy, and written:
        // the escaping alone cost 87 M instructions in a 10x build, issue 17).
        (_, Some(text)) if xml => escape::write_xml(out, text),
        (AutoEscape::Html, Some(text)) => escape::write_html(out, text),
        (AutoEscape::None, Some(text)) => out.write_str(text),
        _ if xml && !value.is_safe() => escape::write_xml(out, &value.to_string()),
        _ => return minijinja::escape_formatter(out, state, value),
    }
    .map_err(minijinja::Error::from)
}

/// Renders `name` with `data`; a template error is a bug in a built-in template (tested)
/// or in a user's override, and is returned as Dutch text.
pub fn render<S: serde::Serialize>(
    env: &Environment<'_>,
    name: &str,
    data: S,
) -> Result<String, String> {
    env.get_template(name)
        .and_then(|t| t.render(minijinja::value::Serde(data)))
        .map_err(|e| template_error(name, &e))
}

/// A view converted for the templates, as `render` converts it: to render one view
/// several times, or to walk it (`docx::Targets::of`).
pub fn to_value<S: serde::Serialize>(data: S) -> minijinja::Value {
    minijinja::Value::from(minijinja::value::Serde(data))
}

/// Renders `name` with a view already converted for the templates: a view rendered more
/// than once (the regeling's page, Markdown and DOCX) is converted once (issue 17).
pub fn render_value(
    env: &Environment<'_>,
    name: &str,
    data: &minijinja::Value,
) -> Result<String, String> {
    env.get_template(name)
        .and_then(|t| t.render(data))
        .map_err(|e| template_error(name, &e))
}

#[cfg(test)]
mod loader_tests {
    /// The built-in templates are compiled on first use: each must compile, and an
    /// override replaces its built-in.
    #[test]
    fn every_built_in_template_compiles_and_an_override_wins() {
        let env = super::environment();
        for (name, _) in super::TEMPLATES {
            assert!(env.get_template(name).is_ok(), "{name}");
        }
        assert!(env.get_template("geen.html").is_err());
        let env = super::environment_with(vec![("refs.txt".into(), "eigen".into())]).unwrap();
        assert_eq!(super::render(&env, "refs.txt", ()).unwrap(), "eigen");
    }
}

#[cfg(test)]
mod format_tests {
    use minijinja::Value;

    /// The formatter as it was: minijinja's, but for XML templates.
    fn old_format(
        out: &mut minijinja::Output,
        state: &mut minijinja::State,
        value: &Value,
    ) -> Result<(), minijinja::Error> {
        if matches!(state.auto_escape(), minijinja::AutoEscape::Custom(n) if n == super::XML)
            && !value.is_safe()
        {
            match value.as_str() {
                Some(text) => super::escape::write_xml(out, text),
                None => super::escape::write_xml(out, &value.to_string()),
            }
            .map_err(minijinja::Error::from)
        } else {
            minijinja::escape_formatter(out, state, value)
        }
    }

    /// Every kind of value, printed in every kind of template (and through a macro, whose
    /// output is safe), gives the bytes of the formatter it replaced.
    #[test]
    fn printed_values_are_those_of_minijinjas_formatter() {
        let texts = [
            "",
            "a",
            "<b>&amp;\"'/",
            "tekst / en 'zo' > \"dat\"",
            "\u{0}\u{1f}\t\n\u{fffe}é€",
            "*_`[x]#!|~\\",
            "12",
            "-3",
            "1.",
        ];
        let mut values: Vec<Value> = texts.iter().map(|t| Value::from(*t)).collect();
        values.extend(texts.iter().map(|t| Value::from_safe_string(t.to_string())));
        values.extend([
            Value::from(42),
            Value::from(-7),
            Value::from(1.5),
            Value::from(u64::MAX),
            Value::from(true),
            Value::from(()),
            Value::from(vec!["<a>", "b"]),
            Value::from_pairs(vec![("k", Value::from("<v>"))]),
            Value::from_bytes(b"by<te>s".to_vec()),
            Value::from_bytes(vec![0xff, b'<']),
        ]);
        let mut old = super::environment();
        old.set_formatter(old_format);
        let new = super::environment();
        let mut runs = 0;
        for name in ["t.html", "t.xml", "t.md", "t.txt"] {
            let source = "{{ v }}|{% macro m(x) %}[{{ x }}]{% endmacro %}{{ m(v) }}";
            let (mut old, mut new) = (old.clone(), new.clone());
            old.add_template_owned(name, source).unwrap();
            new.add_template_owned(name, source).unwrap();
            for v in &values {
                let ctx = minijinja::context! { v => v.clone() };
                let a = old.get_template(name).unwrap().render(&ctx).unwrap();
                let b = new.get_template(name).unwrap().render(&ctx).unwrap();
                assert_eq!(a, b, "{name} {v:?}");
                runs += 1;
            }
        }
        assert_eq!(runs, 4 * 28);
    }
}

#[cfg(test)]
mod fuel_tests {
    use super::*;

    /// The least fuel that renders `name` for SORA 2022 (bisection).
    fn needed(name: &str) -> u64 {
        let text = include_str!("../../regelingen/sora-2022.gr");
        let (r, _) = crate::source::parse("sora-2022.gr", text);
        // The Word document also reads the page orientation and the link targets
        // (docx::package's frame).
        let view = regeling::view(&r, &crate::check::links::of(&r));
        let view = crate::render::to_value(&view);
        let targets = to_value(docx::Targets::of(&view).unwrap());
        let view = minijinja::value::merge_maps([
            view,
            targets,
            minijinja::context! { orientation => "portrait" },
        ]);
        let (mut lo, mut hi) = (1u64, FUEL);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let mut env = environment();
            env.set_fuel(Some(mid));
            if render_value(&env, name, &view).is_ok() {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        lo
    }

    /// The built-in templates stay far below the budget: SORA (45 KB) needs less than a
    /// thousandth of it, so a regeling of 45 MB would still render.
    #[test]
    fn built_in_templates_need_a_fraction_of_the_fuel() {
        for name in ["regeling.html", "regeling.md", "regeling.docx.xml"] {
            let n = needed(name);
            println!("{name}: {n} fuel for SORA 2022");
            assert!(n < FUEL / 1000, "{name}: {n}");
        }
    }

    #[test]
    fn a_template_that_loops_too_long_is_a_dutch_error() {
        let mut env = environment_with(vec![(
            "lus.txt".into(),
            "{% for i in range(100000) %}{% for j in range(100000) %}.{% endfor %}{% endfor %}"
                .into(),
        )])
        .unwrap();
        env.set_fuel(Some(1_000_000));
        let err = render(&env, "lus.txt", ()).unwrap_err();
        assert!(err.starts_with("sjabloon lus.txt"), "{err}");
        assert!(err.contains("te veel werk"), "{err}");
    }
}
