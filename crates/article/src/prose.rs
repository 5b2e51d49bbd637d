//! Our prose as the overlap tests see it (`tests/prose_overlap.rs`): the
//! text a reader reads, cut into the units the original's fingerprints were
//! made of (`tests/fingerprints/README.md`): 8-word English shingles and
//! 10-character Chinese windows.
//!
//! Math, HTML tags, link targets and code are not prose and are dropped before
//! the words are cut, as the fingerprints' own normalisation drops math.

use crate::markdown::options;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The prose of a markdown body as plain text (math, tags, link targets and
/// code blocks dropped; inline math is its own event and never reaches here).
pub fn prose_text(body: &str) -> String {
    let mut text = String::new();
    let mut in_code_block = false;
    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Text(t) if !in_code_block => {
                text.push_str(&t);
                text.push(' ');
            }
            // Raw HTML blocks carry their inner text (and, at times, math).
            Event::Html(h) | Event::InlineHtml(h) => {
                text.push_str(&strip_math(&strip_tags(&h)));
                text.push(' ');
            }
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// English words as the fingerprints cut them: the text lower-cased, then
/// every maximal run of `[a-z0-9']`.
pub fn english_words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every run of `n` consecutive words, joined by one space.
pub fn shingles(words: &[String], n: usize) -> Vec<String> {
    words.windows(n).map(|w| w.join(" ")).collect()
}

/// Every window of `n` consecutive CJK unified ideographs (U+4E00..U+9FFF),
/// everything else (Latin, digits, TeX, punctuation, spaces) dropped first.
pub fn cjk_windows(text: &str, n: usize) -> Vec<String> {
    let han: Vec<char> = text
        .chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .collect();
    han.windows(n).map(|w| w.iter().collect()).collect()
}

/// How much of a sequence of windows is found in a fingerprint set.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Overlap {
    /// Windows looked at.
    pub total: usize,
    /// Windows found.
    pub found: usize,
    /// The found windows, consecutive ones merged into one passage, for the
    /// failure message (words joined by a space, characters joined directly).
    pub passages: Vec<String>,
}

impl Overlap {
    /// Adds one text's windows (`seen` says whether a window is a fingerprint).
    /// `sep` joins the units of a window ("" for characters, " " for words).
    pub fn add(&mut self, windows: &[String], sep: &str, seen: impl Fn(&str) -> bool) {
        self.total += windows.len();
        let mut run: Option<String> = None;
        for w in windows {
            if seen(w) {
                self.found += 1;
                run = Some(match run.take() {
                    // Consecutive windows share all but their last unit.
                    Some(r) => {
                        let last = if sep.is_empty() {
                            w.chars().last().map(String::from).unwrap_or_default()
                        } else {
                            w.rsplit(sep).next().unwrap_or(w).to_owned()
                        };
                        format!("{r}{sep}{last}")
                    }
                    None => w.clone(),
                });
            } else if let Some(r) = run.take() {
                self.passages.push(r);
            }
        }
        self.passages.extend(run);
    }

    /// Found windows as a share of all, in percent (0 when there are none).
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            100.0 * self.found as f64 / self.total as f64
        }
    }
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Drops `$$…$$` and `$…$` spans from raw text.
fn strip_math(text: &str) -> String {
    let once = remove_between(text, "$$", "$$");
    remove_between(&once, "$", "$")
}

fn remove_between(text: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        let after = &rest[start + open.len()..];
        match after.find(close) {
            Some(end) => {
                out.push(' ');
                rest = &after[end + close.len()..];
            }
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        english_words(s)
    }

    #[test]
    fn math_tags_and_link_targets_are_not_prose() {
        let got = english_words(&prose_text(
            "See [Demo 2](#demo_2) where $q(x|z)$ is <b>shown</b>:\n$$a \\tag{1}$$\n<ul><li>one $x$ two</li></ul>",
        ));
        assert_eq!(got, words("see demo 2 where is shown one two"));
    }

    #[test]
    fn words_keep_apostrophes_and_split_on_everything_else() {
        assert_eq!(
            english_words("Don't re-use X_1, it's N(0,1)."),
            ["don't", "re", "use", "x", "1", "it's", "n", "0", "1"]
        );
    }

    #[test]
    fn cjk_windows_keep_only_ideographs() {
        let w = cjk_windows("扩散 model，是一个$x$概率模型。", 4);
        assert_eq!(
            w,
            [
                "扩散是一",
                "散是一个",
                "是一个概",
                "一个概率",
                "个概率模",
                "概率模型"
            ]
        );
    }

    #[test]
    fn overlap_counts_and_merges_consecutive_windows() {
        let ours = shingles(&words("a b c d e f g"), 3);
        let seen = ["b c d", "c d e", "e f g"];
        let mut o = Overlap::default();
        o.add(&ours, " ", |w| seen.contains(&w));
        assert_eq!((o.total, o.found), (5, 3));
        assert_eq!(o.passages, ["b c d e", "e f g"]);
        let chars = cjk_windows("甲乙丙丁戊", 2);
        let mut c = Overlap::default();
        c.add(&chars, "", |w| w == "甲乙" || w == "乙丙");
        assert_eq!(c.passages, ["甲乙丙"]);
        assert!((c.percent() - 50.0).abs() < 1e-12);
    }
}
