//! Spec text escaped for the place a template puts it, as minijinja filters: a template never
//! prints a spec string raw (the API version, a field's name in the doc example, the runtime's
//! path), since a `"` or a line break in it would otherwise end a literal or a comment and write
//! spec text into the generated code.

use minijinja::Environment;

/// Adds the filters: `rust_str` (a Rust string literal), `toml_str` (a TOML basic string),
/// `line` (one line of a comment or doc comment), `code` (a Markdown code span) and
/// `html_comment` (inside `<!-- … -->`).
pub(super) fn add_filters(env: &mut Environment<'_>) {
    env.add_filter("rust_str", |s: String| rust_str(&s));
    env.add_filter("toml_str", |s: String| toml_str(&s));
    env.add_filter("line", |s: String| line(&s));
    env.add_filter("code", |s: String| code(&s));
    env.add_filter("html_comment", |s: String| line(&s).replace("--", "-\u{2010}"));
}

/// A Rust string literal holding `s`, quotes included (`Debug` escapes quotes, backslashes and
/// every control character).
pub(super) fn rust_str(s: &str) -> String {
    format!("{s:?}")
}

/// A TOML basic string holding `s`, quotes included.
pub(super) fn toml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `s` on one line: control characters (line breaks, CR, NUL) written as Rust escapes, so a
/// comment or doc comment ends where the template ends it.
pub(super) fn line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect()
}

/// A Markdown code span holding `s` on one line, fenced by more backticks than it contains in a
/// row (`` a`b ``).
pub(super) fn code(s: &str) -> String {
    let s = line(s);
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest == 0 {
        format!("{fence}{s}{fence}")
    } else {
        format!("{fence} {s} {fence}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVIL: &str = "a\"b\\c\nd\re*/f{{ g }}\0-->`";

    #[test]
    fn each_place_gets_its_escapes() {
        assert_eq!(rust_str(EVIL), r#""a\"b\\c\nd\re*/f{{ g }}\0-->`""#);
        assert_eq!(toml_str(EVIL), r#""a\"b\\c\u000Ad\u000De*/f{{ g }}\u0000-->`""#);
        assert_eq!(line(EVIL), r#"a"b\c\nd\re*/f{{ g }}\u{0}-->`"#);
        assert_eq!(code("2024-04-10"), "`2024-04-10`");
        assert_eq!(code("a`b``c"), "``` a`b``c ```");
    }

    #[test]
    fn the_filters_print_template_syntax_as_text() {
        let mut env = Environment::new();
        add_filters(&mut env);
        env.add_template("t", "{{ v | rust_str }} {{ v | html_comment }}").unwrap();
        let text = env.get_template("t").unwrap().render(minijinja::context! { v => "{% if %}{{ x }}-->" }).unwrap();
        assert_eq!(text, "\"{% if %}{{ x }}-->\" {% if %}{{ x }}-\u{2010}>");
    }
}
