//! Rendering: data in, text out, through the minijinja templates in `templates/`
//! (embedded in the binary). Renderers build plain serialisable view data; templates do
//! all the layout. Nothing here builds markup by concatenating strings.

pub mod refs;
pub mod stemmen;

use minijinja::Environment;

/// The built-in templates, by name.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("refs.txt", include_str!("../../templates/refs.txt")),
    ("stemmen.txt", include_str!("../../templates/stemmen.txt")),
    ("stemmen.md", include_str!("../../templates/stemmen.md")),
    (
        "stemmen-vergelijking.txt",
        include_str!("../../templates/stemmen-vergelijking.txt"),
    ),
    (
        "stemmen-vergelijking.md",
        include_str!("../../templates/stemmen-vergelijking.md"),
    ),
];

/// A template environment with the built-in templates. Markdown and text are not escaped
/// (they are not markup a browser runs); HTML templates (`.html`) are.
pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") {
            minijinja::AutoEscape::Html
        } else {
            minijinja::AutoEscape::None
        }
    });
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .expect("the default delimiters are valid"),
    );
    for (name, source) in TEMPLATES {
        env.add_template(name, source)
            .expect("built-in template compiles");
    }
    env
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
        .map_err(|e| format!("sjabloon {name}: {e}"))
}
