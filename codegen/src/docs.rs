//! Stripe's descriptions (Markdown with some HTML) rewritten so rustdoc renders them and stays quiet.
//!
//! - HTML paragraphs, `<code>`, emphasis, line breaks, lists and links become Markdown;
//! - relative links become absolute (`absolute_link`): `docs/…` and `/docs/…` on
//!   `https://stripe.com`, other paths on Stripe's documentation, `#anchor` on the API reference;
//! - fenced code blocks that are not Rust become `text`, so they never run as doctests;
//! - bare URLs become `<…>`, brackets that are not a Markdown link are escaped;
//! - leading indentation is dropped so no line turns into an indented (Rust) code block;
//! - a bare CR is a line break.
//!
//! Every step is linear in the description's length.

/// Rewrites one description; `None` when nothing is left.
pub fn rustdoc(description: &str) -> Option<String> {
    // A bare CR is a line break too (rustc refuses one in a doc comment).
    let text = match description.contains('\r') {
        true => html_to_markdown(&description.replace("\r\n", "\n").replace('\r', "\n")),
        false => html_to_markdown(description),
    };
    let text = absolute_links(&text);
    let mut out: Vec<String> = Vec::new();
    // Prose between code fences is escaped as a whole: a link's label may wrap onto the next line.
    let mut prose: Vec<&str> = Vec::new();
    let flush = |prose: &mut Vec<&str>, out: &mut Vec<String>| {
        if !prose.is_empty() {
            out.extend(escape_prose(&prose.join("\n")).lines().map(str::to_owned));
            prose.clear();
        }
    };
    let mut in_fence = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(lang) = trimmed.strip_prefix("```") {
            flush(&mut prose, &mut out);
            if in_fence {
                out.push("```".to_owned());
            } else {
                let lang = lang.trim();
                out.push(if lang == "rust" { "```rust".to_owned() } else { "```text".to_owned() });
            }
            in_fence = !in_fence;
        } else if in_fence {
            out.push(line.to_owned());
        } else {
            prose.push(trimmed.trim_end());
        }
    }
    flush(&mut prose, &mut out);
    if in_fence {
        out.push("```".to_owned());
    }
    let mut joined = Vec::new();
    for line in out {
        if line.is_empty() && joined.last().is_none_or(|l: &String| l.is_empty()) {
            continue;
        }
        joined.push(line);
    }
    while joined.last().is_some_and(|l| l.is_empty()) {
        joined.pop();
    }
    (!joined.is_empty()).then(|| joined.join("\n"))
}

fn html_to_markdown(text: &str) -> String {
    // Every tag below starts with `<` and no replacement writes one: without `<` there is nothing
    // to do (most descriptions), and a tag the text lacks is not searched for again.
    if !text.contains('<') {
        return text.to_owned();
    }
    let mut out = text.to_owned();
    for (from, to) in [
        ("<p>", ""),
        ("</p>", "\n\n"),
        ("<br>", "\n"),
        ("<br/>", "\n"),
        ("<br />", "\n"),
        ("<code>", "`"),
        ("</code>", "`"),
        ("<strong>", "**"),
        ("</strong>", "**"),
        ("<b>", "**"),
        ("</b>", "**"),
        ("<em>", "*"),
        ("</em>", "*"),
        ("<i>", "*"),
        ("</i>", "*"),
        ("<ul>", "\n"),
        ("</ul>", "\n"),
        ("<ol>", "\n"),
        ("</ol>", "\n"),
        ("<li>", "\n- "),
        ("</li>", ""),
    ] {
        if out.contains(from) {
            out = out.replace(from, to);
        }
    }
    // <a href="url">text</a> → [text](url), in one pass (a search from the start for every link
    // made 200k links take 17 s).
    let mut linked = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(start) = rest.find("<a href=\"") {
        let after = &rest[start + 9..];
        let (Some(url_end), Some(text_start), Some(text_end)) = (after.find('"'), after.find('>'), after.find("</a>"))
        else {
            break;
        };
        if text_end < text_start {
            break;
        }
        linked.push_str(&rest[..start]);
        linked.push_str(&format!("[{}]({})", &after[text_start + 1..text_end], &after[..url_end]));
        rest = &after[text_end + 4..];
    }
    linked.push_str(rest);
    linked
}

/// Rewrites the target of every Markdown link `](target)` that is not absolute.
fn absolute_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("](") {
        let (before, target) = rest.split_at(at + 2);
        out.push_str(before);
        let end = target.find([')', ' ', '\n']).unwrap_or(target.len());
        out.push_str(&absolute_link(&target[..end]));
        rest = &target[end..];
    }
    out.push_str(rest);
    out
}

/// Pages of stripe.com itself that Stripe's descriptions link to by path (`/pricing`); every
/// other path they link to is a page of the documentation.
const SITE_PAGES: [&str; 3] = ["afterpay-clearpay", "guides", "pricing"];

/// One link target made absolute. Stripe's descriptions were written for its website:
/// - `docs/…` and `/docs/…` are `https://stripe.com/docs/…`;
/// - `/pricing`, `/guides/…`, `/afterpay-clearpay/…` (`SITE_PAGES`) are pages of stripe.com;
/// - any other path (`/api/accounts/object`, `/connect/onboarding`) is a documentation page, at
///   `https://stripe.com/docs/…` (the form of the spec's own absolute links);
/// - `#anchor` (`#finalize_invoice`, `#balance_object`) is an anchor of the API reference the
///   descriptions are shown in, which answers every such anchor at `https://stripe.com/docs/api#…`
///   (the form the spec itself uses, e.g. `https://stripe.com/docs/api#create_file`).
///
/// Absolute URLs (`https:`, `mailto:`) are kept.
fn absolute_link(target: &str) -> String {
    if let Some(anchor) = target.strip_prefix('#') {
        return format!("https://stripe.com/docs/api#{anchor}");
    }
    let scheme = target.split_once(':').map(|(s, _)| s);
    if scheme.is_some_and(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))) {
        return target.to_owned();
    }
    let path = target.trim_start_matches('/');
    let first = path.split(['/', '#', '?']).next().unwrap_or_default();
    if first == "docs" || SITE_PAGES.contains(&first) {
        format!("https://stripe.com/{path}")
    } else {
        format!("https://stripe.com/docs/{path}")
    }
}

/// Escapes brackets that are not a Markdown link and wraps bare URLs, outside inline code.
fn escape_prose(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let links = Links::new(&chars);
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    let mut in_code = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            in_code = !in_code;
            out.push(c);
            i += 1;
            continue;
        }
        if in_code {
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '[' => match links.end(&chars, i) {
                Some(end) => {
                    // A Markdown link: keep it whole, escaping brackets in its label only.
                    let link: String = chars[i..end].iter().collect();
                    let close = link.find("](").expect("Links::end found it");
                    let label = &link[1..close];
                    out.push('[');
                    out.push_str(&label.replace('[', "\\[").replace(']', "\\]"));
                    out.push_str(&link[close..]);
                    i = end;
                }
                None => {
                    out.push_str("\\[");
                    i += 1;
                }
            },
            ']' => {
                out.push_str("\\]");
                i += 1;
            }
            // Valid links were copied whole above, so a URL met here is bare (or in a broken link).
            'h' if starts_url(&chars, i) && (i == 0 || chars[i - 1] != '<') => {
                let mut end = i;
                while end < chars.len() && !chars[end].is_whitespace() && !matches!(chars[end], ')' | '>' | '"') {
                    end += 1;
                }
                while end > i && matches!(chars[end - 1], '.' | ',' | ';' | ':') {
                    end -= 1;
                }
                out.push('<');
                out.extend(&chars[i..end]);
                out.push('>');
                i = end;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn starts_url(chars: &[char], i: usize) -> bool {
    let rest = &chars[i..];
    rest.starts_with(&['h', 't', 't', 'p', ':', '/', '/'])
        || rest.starts_with(&['h', 't', 't', 'p', 's', ':', '/', '/'])
}

/// Where Markdown links end, found in one pass over the text so that finding each link is
/// constant time (a scan per `[` made a description of 1M `[` take minutes).
struct Links {
    /// For each `[`, its matching `]` (brackets nest), or `NONE`.
    close_bracket: Vec<u32>,
    /// For each position, the first `)` at or after it, or `NONE`.
    next_paren: Vec<u32>,
}

/// No such position. Positions are `u32`, a quarter of the memory of `Option<usize>` for a
/// description of 10M characters; no spec holds a description of 4G characters.
const NONE: u32 = u32::MAX;

impl Links {
    fn new(chars: &[char]) -> Links {
        let at = |i: usize| u32::try_from(i).unwrap_or(NONE);
        let mut close_bracket = vec![NONE; chars.len()];
        let mut open = Vec::new();
        for (i, &c) in chars.iter().enumerate() {
            match c {
                '[' => open.push(i),
                ']' => {
                    if let Some(start) = open.pop() {
                        close_bracket[start] = at(i);
                    }
                }
                _ => {}
            }
        }
        let mut next_paren = vec![NONE; chars.len() + 1];
        for i in (0..chars.len()).rev() {
            next_paren[i] = if chars[i] == ')' { at(i) } else { next_paren[i + 1] };
        }
        Links { close_bracket, next_paren }
    }

    /// The end (exclusive) of a Markdown link `[label](target)` starting at `start`.
    fn end(&self, chars: &[char], start: usize) -> Option<usize> {
        let position = |p: u32| (p != NONE).then_some(p as usize);
        let close = position(self.close_bracket[start])?;
        if chars.get(close + 1) != Some(&'(') {
            return None;
        }
        Some(position(self.next_paren[close + 1])? + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::rustdoc;

    #[test]
    fn relative_links_become_absolute() {
        assert_eq!(
            rustdoc("See the [docs](/docs/billing) now.").unwrap(),
            "See the [docs](https://stripe.com/docs/billing) now."
        );
    }

    #[test]
    fn every_relative_link_becomes_absolute() {
        let link = |target: &str| rustdoc(&format!("[x]({target})")).unwrap();
        assert_eq!(
            link("docs/api/balance_transactions/object"),
            "[x](https://stripe.com/docs/api/balance_transactions/object)"
        );
        assert_eq!(
            link("/api/accounts/object#account_object-controller"),
            "[x](https://stripe.com/docs/api/accounts/object#account_object-controller)"
        );
        assert_eq!(link("/connect/onboarding"), "[x](https://stripe.com/docs/connect/onboarding)");
        assert_eq!(link("/pricing"), "[x](https://stripe.com/pricing)");
        assert_eq!(
            link("/afterpay-clearpay/legal#restricted-businesses"),
            "[x](https://stripe.com/afterpay-clearpay/legal#restricted-businesses)"
        );
        assert_eq!(link("https://docs.stripe.com/js"), "[x](https://docs.stripe.com/js)");
        assert_eq!(link("mailto:support@stripe.com"), "[x](mailto:support@stripe.com)");
    }

    #[test]
    fn anchors_resolve_against_the_api_reference() {
        assert_eq!(
            rustdoc("<p>Until you <a href=\"#finalize_invoice\">finalize</a> it; see [the object](#payment_intent_object-client_secret).</p>").unwrap(),
            "Until you [finalize](https://stripe.com/docs/api#finalize_invoice) it; see [the object](https://stripe.com/docs/api#payment_intent_object-client_secret)."
        );
        // A link whose label wraps onto the next line.
        assert_eq!(
            rustdoc("a [scheduled\nquery](#scheduled_queries)").unwrap(),
            "a [scheduled\nquery](https://stripe.com/docs/api#scheduled_queries)"
        );
    }

    #[test]
    fn html_becomes_markdown() {
        assert_eq!(
            rustdoc("<p>Creates a <code>session</code>, see <a href=\"/docs/x\">this</a>.</p>").unwrap(),
            "Creates a `session`, see [this](https://stripe.com/docs/x)."
        );
    }

    #[test]
    fn code_blocks_are_not_doctests() {
        let doc = rustdoc("Example:\n```\ncurl https://api.stripe.com\n```\n```json\n{}\n```").unwrap();
        assert_eq!(doc, "Example:\n```text\ncurl https://api.stripe.com\n```\n```text\n{}\n```");
    }

    #[test]
    fn a_link_label_may_wrap_onto_the_next_line() {
        assert_eq!(
            rustdoc("See the [payment\nmethod guide](/docs/payments) and items[0].").unwrap(),
            "See the [payment\nmethod guide](https://stripe.com/docs/payments) and items\\[0\\]."
        );
    }

    #[test]
    fn brackets_urls_and_indentation() {
        assert_eq!(rustdoc("Use items[0] or `a[b]`.").unwrap(), "Use items\\[0\\] or `a[b]`.");
        assert_eq!(rustdoc("Visit https://stripe.com/docs.").unwrap(), "Visit <https://stripe.com/docs>.");
        assert_eq!(rustdoc("(see https://x.io) or <https://y.io>").unwrap(), "(see <https://x.io>) or <https://y.io>");
        // A link Stripe's spec leaves unterminated: brackets escaped, URL still a link.
        assert_eq!(
            rustdoc("on a [FinancialAccount](/docs/api/treasury").unwrap(),
            "on a \\[FinancialAccount\\](<https://stripe.com/docs/api/treasury>"
        );
        assert_eq!(rustdoc("    indented\n\n\n\nnext").unwrap(), "indented\n\nnext");
        assert_eq!(rustdoc("  "), None);
    }
}
