//! Stripe's descriptions (Markdown with some HTML) rewritten so rustdoc renders them and stays quiet.
//!
//! - HTML paragraphs, `<code>`, emphasis, line breaks, lists and links become Markdown;
//! - relative links become absolute (`absolute_link`): `docs/…` and `/docs/…` on
//!   `https://stripe.com`, other paths on Stripe's documentation, `#anchor` on the API reference;
//! - fenced code blocks that are not Rust become `text`, so they never run as doctests;
//! - bare URLs become `<…>`, brackets that are not a Markdown link are escaped;
//! - leading indentation is dropped so no line turns into an indented (Rust) code block.

/// Rewrites one description; `None` when nothing is left.
pub fn rustdoc(description: &str) -> Option<String> {
    let text = html_to_markdown(description);
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
        out = out.replace(from, to);
    }
    // <a href="url">text</a> → [text](url)
    while let Some(start) = out.find("<a href=\"") {
        let rest = &out[start + 9..];
        let Some(url_end) = rest.find('"') else { break };
        let url = rest[..url_end].to_owned();
        let Some(text_start) = rest.find('>') else { break };
        let Some(text_end) = rest.find("</a>") else { break };
        if text_end < text_start {
            break;
        }
        let label = rest[text_start + 1..text_end].to_owned();
        let end = start + 9 + text_end + 4;
        out.replace_range(start..end, &format!("[{label}]({url})"));
    }
    out
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
            '[' => match link_end(&chars, i) {
                Some(end) => {
                    // A Markdown link: keep it whole, escaping brackets in its label only.
                    let link: String = chars[i..end].iter().collect();
                    let close = link.find("](").expect("link_end found it");
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
    let rest: String = chars[i..chars.len().min(i + 8)].iter().collect();
    rest.starts_with("http://") || rest.starts_with("https://")
}

/// The end (exclusive) of a Markdown link `[label](target)` starting at `start`.
fn link_end(chars: &[char], start: usize) -> Option<usize> {
    let mut depth = 0;
    let mut i = start;
    while i < chars.len() {
        match chars[i] {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        i += 1;
    }
    if i + 1 >= chars.len() || chars[i + 1] != '(' {
        return None;
    }
    let close = chars[i + 1..].iter().position(|&c| c == ')')?;
    Some(i + 1 + close + 1)
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
