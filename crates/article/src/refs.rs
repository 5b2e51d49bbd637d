//! Equation references in prose ("equation 4.1", "eqs. 4.1 to 4.4", "式 4.1～4.4",
//! "(A.15)") found, checked against the `\tag{…}`s, and turned into links to
//! the tagged formula (`#eq-<tag>`), which the page previews in a card.
//!
//! Hand-written scanner rather than a regex: the forms are few and fixed, the
//! crate has no regex dependency, and the scanner must also report byte
//! offsets for the build errors' line numbers.
//!
//! A tag is `\d+.\d+` or `[A-Z].\d+` (what the content's `\tag{}`s use). A
//! reference is a keyword (`eq.`, `eqs.`, `equation(s)`, `式`) followed by a
//! tag, then any further tags joined by `to`/`and`/`,`/`–`/`～`/`、`/`到`/`至`/
//! `和`/`与`; or a parenthesised letter tag such as `(A.15)` (a number in
//! parentheses like `(0.0058)` is not a reference).

/// One equation tag named in prose: byte range of the text to link and the tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub start: usize,
    pub end: usize,
    pub tag: String,
}

/// The id of a formula's anchor for `tag` (before the Chinese `zh-` prefix).
pub fn anchor_id(tag: &str) -> String {
    format!("eq-{tag}")
}

/// English keywords, longest first (matched case-insensitively at a word start).
const KEYWORDS_EN: [&str; 4] = ["equations", "equation", "eqs.", "eq."];
/// Joiners between the tags of one reference (after optional spaces).
const JOINERS: [&str; 13] = [
    "to", "and", ",", "，", "–", "-", "~", "～", "、", "到", "至", "和", "与",
];

/// Length of a tag at the start of `s`, if one is there.
fn tag_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let head = if b.first().is_some_and(|c| c.is_ascii_uppercase()) {
        1
    } else {
        b.iter().take_while(|c| c.is_ascii_digit()).count()
    };
    if head == 0 || b.get(head) != Some(&b'.') {
        return None;
    }
    let tail = b[head + 1..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if tail == 0 {
        return None;
    }
    let end = head + 1 + tail;
    // "4.1.2" or "4.1a" is not a tag of ours.
    match b.get(end) {
        Some(c)
            if c.is_ascii_alphanumeric()
                || (*c == b'.' && b.get(end + 1).is_some_and(u8::is_ascii_digit)) =>
        {
            None
        }
        _ => Some(end),
    }
}

fn skip_spaces(s: &str, at: usize) -> usize {
    at + s[at..].len()
        - s[at..]
            .trim_start_matches([' ', '\u{a0}', '\t', '\n'])
            .len()
}

/// Every reference in `text`, in order.
pub fn find(text: &str) -> Vec<Reference> {
    let mut out = Vec::new();
    let lower = text.to_ascii_lowercase();
    let mut i = 0;
    while i < text.len() {
        if !text.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let rest = &text[i..];
        let word_start = i == 0
            || !text[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric());
        let keyword = if rest.starts_with('式') {
            Some('式'.len_utf8())
        } else if word_start {
            KEYWORDS_EN
                .iter()
                .find(|k| lower[i..].starts_with(*k))
                .map(|k| k.len())
        } else {
            None
        };
        if let Some(k) = keyword {
            let t = skip_spaces(text, i + k);
            if let Some(len) = tag_len(&text[t..]) {
                // The first link covers the keyword and the tag.
                out.push(Reference {
                    start: i,
                    end: t + len,
                    tag: text[t..t + len].to_string(),
                });
                i = t + len;
                // Further tags of the same reference: "4.1 to 4.4", "B.6、B.7".
                loop {
                    let j = skip_spaces(text, i);
                    let Some(joiner) = JOINERS.iter().find(|w| text[j..].starts_with(*w)) else {
                        break;
                    };
                    let t = skip_spaces(text, j + joiner.len());
                    let Some(len) = tag_len(&text[t..]) else {
                        break;
                    };
                    out.push(Reference {
                        start: t,
                        end: t + len,
                        tag: text[t..t + len].to_string(),
                    });
                    i = t + len;
                }
                continue;
            }
        }
        if rest.starts_with('(') && rest.as_bytes().get(1).is_some_and(u8::is_ascii_uppercase) {
            if let Some(len) = tag_len(&rest[1..]) {
                if rest.as_bytes().get(1 + len) == Some(&b')') {
                    out.push(Reference {
                        start: i,
                        end: i + len + 2,
                        tag: rest[1..1 + len].to_string(),
                    });
                    i += len + 2;
                    continue;
                }
            }
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// `text` as HTML with each reference a link to its formula
/// (`<a class="eqref" href="#eq-4.1" data-eq="4.1">`); the rest escaped.
pub fn link(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for r in find(text) {
        out.push_str(&crate::html::escape(&text[at..r.start]));
        out.push_str(&format!(
            "<a class=\"eqref\" href=\"#{}\" data-eq=\"{}\">{}</a>",
            crate::html::escape(&anchor_id(&r.tag)),
            crate::html::escape(&r.tag),
            crate::html::escape(&text[r.start..r.end])
        ));
        at = r.end;
    }
    out.push_str(&crate::html::escape(&text[at..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(text: &str) -> Vec<String> {
        find(text).into_iter().map(|r| r.tag).collect()
    }

    #[test]
    fn finds_the_forms_the_content_uses() {
        assert_eq!(tags("by equation 3.4, the"), ["3.4"]);
        assert_eq!(tags("Equation 4.8 offers"), ["4.8"]);
        assert_eq!(tags("(equations 4.1 to 4.4)"), ["4.1", "4.4"]);
        assert_eq!(tags("equations B.6 and B.7 show"), ["B.6", "B.7"]);
        assert_eq!(tags("see eq. 4.1 and eqs. A.6, A.7"), ["4.1", "A.6", "A.7"]);
        assert_eq!(
            tags("把式 1.1 的变换（式 4.1～4.4）"),
            ["1.1", "4.1", "4.4"]
        );
        assert_eq!(tags("（式 B.6、B.7）可知"), ["B.6", "B.7"]);
        assert_eq!(tags("as in (A.15) above"), ["A.15"]);
    }

    #[test]
    fn leaves_numbers_figures_and_words_alone() {
        assert!(tags("worse (0.1816), because").is_empty());
        assert!(tags("Figure D.1 shows").is_empty());
        assert!(tags("equation 2.1 and rearrange it").len() == 1);
        assert!(tags("frequency 4.1").is_empty());
        assert!(tags("subequation 4.1").is_empty());
        assert!(tags("equation 4.1.2").is_empty());
        assert!(tags("版本式").is_empty());
    }

    #[test]
    fn links_cover_keyword_and_tag_and_escape_the_rest() {
        assert_eq!(
            link("a < equations 4.1 to 4.4."),
            "a &lt; <a class=\"eqref\" href=\"#eq-4.1\" data-eq=\"4.1\">equations 4.1</a> to \
             <a class=\"eqref\" href=\"#eq-4.4\" data-eq=\"4.4\">4.4</a>."
        );
    }
}
