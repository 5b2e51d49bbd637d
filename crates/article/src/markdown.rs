//! Markdown → HTML for one panel body, and the facts the checks need
//! (formulas, `#id` links, anchors, figure markers, equation tags).

use crate::figures;
use crate::html::{attr_values, escape};
use crate::math::{self, Rendered};
use crate::refs;
use crate::sections::{Lang, Source};
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

/// CommonMark plus `$…$` / `$$…$$` math; tables and footnotes stay off (content/README.md).
pub fn options() -> Options {
    Options::ENABLE_MATH
}

/// A name found in the body with the file line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub name: String,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formula {
    pub tex: String,
    pub display: bool,
    pub line: usize,
}

/// What the build checks look at in one panel body.
#[derive(Debug, Default)]
pub struct Analysis {
    pub formulas: Vec<Formula>,
    /// Targets of `#id` links, without the `#`.
    pub links: Vec<Located>,
    /// `id="…"` attributes in raw HTML.
    pub anchors: Vec<Located>,
    /// `data-figure="…"` markers.
    pub figures: Vec<Located>,
    /// Figure markers not written as `<figure data-figure="…"></figure>` in one HTML block.
    pub malformed_figures: Vec<Located>,
    /// `\tag{…}` labels of the formulas.
    pub tags: Vec<Located>,
    /// Equation tags named in the prose ("equation 4.1", "式 4.1", "(A.15)").
    pub eq_refs: Vec<Located>,
    /// Lines with a `$` that did not open or close a formula.
    pub stray_dollars: Vec<usize>,
    /// Lines of raw HTML with a `$` in them: math there would not be rendered.
    pub math_in_html: Vec<usize>,
}

pub fn analyse(src: &Source) -> Analysis {
    let mut a = Analysis::default();
    let mut in_code_block = false;
    let mut in_link = 0usize;
    let body = src.body();
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let line = src.line_at(range.start);
        match event {
            Event::InlineMath(ref tex) | Event::DisplayMath(ref tex) => {
                let display = matches!(event, Event::DisplayMath(_));
                let delimiter = if display { 2 } else { 1 };
                for (tag, at) in math::tags(tex) {
                    // the formula is a verbatim slice of the body after its `$`/`$$`
                    let line = src.line_at(range.start + delimiter + at);
                    a.tags.push(Located { name: tag, line });
                }
                a.formulas.push(Formula {
                    tex: tex.to_string(),
                    display,
                    line,
                });
            }
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::End(TagEnd::Link) => in_link = in_link.saturating_sub(1),
            Event::Text(ref text) if !in_code_block => {
                let raw = &body[range.clone()];
                if in_link == 0 {
                    for r in refs::find(text) {
                        // Offsets into the text are offsets into the source when
                        // the text is a verbatim slice of it (no escapes).
                        let at = if raw == &**text { r.start } else { 0 };
                        a.eq_refs.push(Located {
                            name: r.tag,
                            line: src.line_at(range.start + at),
                        });
                    }
                }
                // A `$` left as text is a formula pulldown-cmark did not take as math
                // (e.g. unbalanced braces); a dollar sign in prose is written `\$`.
                if raw.contains('$') && !raw.contains("\\$") {
                    a.stray_dollars.push(line);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                in_link += 1;
                if let Some(target) = dest_url.strip_prefix('#') {
                    a.links.push(Located {
                        name: target.to_string(),
                        line,
                    });
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                let line_of = |pos: usize| line + html[..pos].matches('\n').count();
                // Markdown, math included, is not parsed inside a raw HTML block.
                if let Some(pos) = html.find('$') {
                    a.math_in_html.push(line_of(pos));
                }
                for (value, pos) in attr_values(&html, "id") {
                    a.anchors.push(Located {
                        name: value.to_string(),
                        line: line_of(pos),
                    });
                }
                for (value, pos) in attr_values(&html, "href") {
                    if let Some(target) = value.strip_prefix('#') {
                        a.links.push(Located {
                            name: target.to_string(),
                            line: line_of(pos),
                        });
                    }
                }
                for (value, pos) in attr_values(&html, "data-figure") {
                    let found = Located {
                        name: value.to_string(),
                        line: line_of(pos),
                    };
                    if figure_marker_span(&html, pos).is_none() {
                        a.malformed_figures.push(found.clone());
                    }
                    a.figures.push(found);
                }
            }
            _ => {}
        }
    }
    a
}

/// Byte range of the whole `<figure …data-figure…>…</figure>` element around `attr_pos`.
fn figure_marker_span(html: &str, attr_pos: usize) -> Option<(usize, usize)> {
    let start = html[..attr_pos].rfind("<figure")?;
    let close = "</figure>";
    let end = attr_pos + html[attr_pos..].find(close)? + close.len();
    Some((start, end))
}

/// Renders one panel body. Formulas come from `rendered` (every formula of the
/// body must be in it); figure markers are replaced by the figures.
pub fn render(src: &Source, rendered: &Rendered) -> String {
    let body = src.body();
    let mut depth_stack: Vec<bool> = Vec::new(); // true = a top-level paragraph
    let mut events: Vec<Event> = Vec::new();
    let (mut in_link, mut in_code_block) = (0usize, false);
    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Start(Tag::Link { .. }) => in_link += 1,
            Event::End(TagEnd::Link) => in_link = in_link.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            _ => {}
        }
        match event {
            Event::Text(ref text)
                if in_link == 0 && !in_code_block && !refs::find(text).is_empty() =>
            {
                events.push(Event::InlineHtml(CowStr::from(refs::link(text))));
            }
            Event::Start(ref tag) => {
                let top_paragraph = matches!(tag, Tag::Paragraph) && depth_stack.is_empty();
                depth_stack.push(top_paragraph);
                events.push(event);
            }
            Event::End(_) => {
                depth_stack.pop();
                events.push(event);
            }
            Event::InlineMath(tex) => {
                let html = rendered.get(&tex, false) + &tag_anchors(&tex, src.lang);
                events.push(Event::InlineHtml(CowStr::from(html)));
            }
            Event::DisplayMath(tex) => {
                let html = rendered.get(&tex, true) + &tag_anchors(&tex, src.lang);
                // Display math is lifted out of its paragraph so it can be wider than
                // the prose measure and scroll on its own on narrow screens.
                let html = if depth_stack.last() == Some(&true) && depth_stack.len() == 1 {
                    // Its height (`--h`, KaTeX's em) sizes its placeholder
                    // while it is skipped off screen (www/style.css).
                    let h = rendered
                        .height(&tex, true)
                        .map(|h| format!(" style=\"--h:{h:.2}\""))
                        .unwrap_or_default();
                    format!("</p>\n<div class=\"math-display\"{h}>{html}</div>\n<p>")
                } else {
                    format!("<span class=\"math-display\">{html}</span>")
                };
                events.push(Event::InlineHtml(CowStr::from(html)));
            }
            Event::Html(html) => events.push(Event::Html(rewrite_html(&html, src.lang).into())),
            Event::InlineHtml(html) => {
                events.push(Event::InlineHtml(rewrite_html(&html, src.lang).into()))
            }
            other => events.push(other),
        }
    }
    let mut out = String::with_capacity(body.len() * 4);
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    drop_empty_paragraphs(&out)
}

/// Replaces figure markers and, in the Chinese body, gives `id`s a `zh-` prefix:
/// both bodies are in one page, and ids must stay unique. Links keep `#id`; the
/// page script resolves them to the anchor of the language shown.
fn rewrite_html(html: &str, lang: Lang) -> String {
    let mut out = html.to_string();
    if lang == Lang::Zh {
        for (_, pos) in attr_values(html, "id").into_iter().rev() {
            out.insert_str(pos, "zh-");
        }
    }
    let markers: Vec<(String, usize)> = attr_values(&out, "data-figure")
        .into_iter()
        .map(|(v, p)| (v.to_string(), p))
        .collect();
    for (id, pos) in markers.into_iter().rev() {
        if let (Some((start, end)), Some(fig)) =
            (figure_marker_span(&out, pos), figures::html(&id, lang))
        {
            out.replace_range(start..end, &fig);
        }
    }
    out
}

/// Empty anchors `<span class="eq-anchor" id="eq-<tag>">` for the formula's
/// `\tag{}`s, the targets of the prose's equation references (ids rewritten
/// like the content's own, so the Chinese copy's stay unique).
fn tag_anchors(tex: &str, lang: Lang) -> String {
    math::tags(tex)
        .into_iter()
        .map(|(tag, _)| {
            let html = format!(
                "<span class=\"eq-anchor\" id=\"{}\"></span>",
                escape(&refs::anchor_id(&tag))
            );
            rewrite_html(&html, lang)
        })
        .collect()
}

fn drop_empty_paragraphs(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(pos) = rest.find("<p>") {
        let after = &rest[pos + 3..];
        let trimmed = after.trim_start();
        if let Some(tail) = trimmed.strip_prefix("</p>") {
            out.push_str(&rest[..pos]);
            rest = tail.strip_prefix('\n').unwrap_or(tail);
        } else {
            out.push_str(&rest[..pos + 3]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Escaped plain-text title for the summary line.
pub fn title_html(title: &str) -> String {
    escape(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_paragraphs_left_by_lifted_display_math_are_dropped() {
        assert_eq!(
            drop_empty_paragraphs("<p>a\n</p>\n<div>m</div>\n<p>\n</p>\n<p>b</p>"),
            "<p>a\n</p>\n<div>m</div>\n<p>b</p>"
        );
    }
}
