//! Word runs of the English prose, for checking that our text is our own
//! (the `english_prose_shares_no_ten_word_run_with_reference` test).
//!
//! Both sides are stripped the same way: math, HTML tags, link targets and
//! titles are dropped and words are compared in lower case.

use crate::markdown::options;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// Lower-case words of a markdown body's prose.
pub fn markdown_words(body: &str) -> Vec<String> {
    let mut text = String::new();
    let mut in_code_block = false;
    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Text(t) if !in_code_block => {
                text.push_str(&t);
                text.push(' ');
            }
            // Raw HTML blocks carry their inner text (and, in the original, math).
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
    words(&text)
}

/// The article paragraphs of the original's source (markdown inside Python
/// `r"""…"""` strings), without its Reference section, as word sequences.
pub fn reference_words(python_source: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = python_source;
    while let Some(start) = rest.find("r\"\"\"") {
        let before = &rest[..start];
        let after = &rest[start + 4..];
        let Some(end) = after.find("\"\"\"") else {
            break;
        };
        let block = &after[..end];
        rest = &after[end + 3..];
        let header = before.rsplit("def ").next().unwrap_or("");
        if header.contains("elem_id=\"reference\"") || header.starts_with("md_reference") {
            continue;
        }
        // The original writes math blocks without `$$` and fills some in by script.
        let block = remove_between(block, "\\begin{align", "\\end{align}");
        let block = remove_between(&block, "<span id=\"en_fit_", "</span>");
        let dedented: String = block.lines().map(|l| format!("{}\n", l.trim())).collect();
        out.push(markdown_words(&dedented));
    }
    out
}

/// Runs of `n` or more consecutive words of `ours` that also occur in one of the
/// reference sequences; overlapping hits are merged into one run.
pub fn shared_runs(ours: &[String], reference: &[Vec<String>], n: usize) -> Vec<String> {
    let grams: HashSet<&[String]> = reference.iter().flat_map(|seq| seq.windows(n)).collect();
    let mut runs = Vec::new();
    let mut i = 0;
    while i + n <= ours.len() {
        if grams.contains(&ours[i..i + n]) {
            let mut end = i + n;
            while end < ours.len() && grams.contains(&ours[end + 1 - n..end + 1]) {
                end += 1;
            }
            runs.push(ours[i..end].join(" "));
            i = end;
        } else {
            i += 1;
        }
    }
    runs
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
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

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn math_tags_and_link_targets_are_not_words() {
        let got = markdown_words(
            "See [Demo 2](#demo_2) where $q(x|z)$ is <b>shown</b>:\n$$a \\tag{1}$$\n<ul><li>one $x$ two</li></ul>",
        );
        assert_eq!(got, w("See Demo 2 where is shown one two"));
    }

    #[test]
    fn shared_runs_are_merged_and_need_n_words() {
        let reference = vec![w("a b c d e f g")];
        assert_eq!(shared_runs(&w("x b c d e y"), &reference, 3), ["b c d e"]);
        assert!(shared_runs(&w("x b c y d e"), &reference, 3).is_empty());
    }

    #[test]
    fn reference_blocks_skip_the_reference_section_and_align_blocks() {
        let src = "def md_a():\n    gr.Markdown(\n        r\"\"\"\n        Hello world\n        \\begin{align} x \\tag{1} \\end{align}\n        again\n        \"\"\")\ndef md_reference_en():\n    with gr.Accordion(label=\"Reference\", elem_id=\"reference\"):\n        gr.Markdown(r\"\"\"\n        Deep Unsupervised\n        \"\"\")\n";
        assert_eq!(reference_words(src), vec![w("hello world again")]);
    }
}
