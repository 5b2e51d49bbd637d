//! Assembles the panels into the page's HTML and injects it into the page shell.

use crate::markdown::title_html;
use crate::sections::{Kind, Source};

/// Where the article goes in `www/index.html`.
pub const MARKER: &str = "<!--ARTICLE-->";

/// One panel: its sources and rendered bodies in both languages.
pub struct Panel<'a> {
    pub en: &'a Source,
    pub zh: &'a Source,
    pub body_en: String,
    pub body_zh: String,
}

/// All panels as `<details>` elements, both languages side by side. A
/// panel's title is its `<h2>` (inside `<summary>`, as HTML allows), so the
/// article's `###` subheadings (h3) follow the page's h1 in order.
pub fn article_html(panels: &[Panel]) -> String {
    let mut out = String::new();
    for p in panels {
        let id = p.en.id;
        let kind = p.en.kind.as_str();
        out.push_str(&format!(
            "<details id=\"{id}\" class=\"panel {kind}\">\n\
             <summary><h2 class=\"panel-heading\"><span class=\"panel-title\" lang=\"en\">{}</span>\
             <span class=\"panel-title\" lang=\"zh\">{}</span></h2></summary>\n\
             <div class=\"panel-content\">\n\
             <div class=\"body\" lang=\"en\">\n{}</div>\n\
             <div class=\"body\" lang=\"zh\">\n{}</div>\n",
            title_html(&p.en.title),
            title_html(&p.zh.title),
            p.body_en,
            p.body_zh
        ));
        if p.en.kind == Kind::Demo {
            out.push_str(&demo_mount(id));
        }
        out.push_str("</div>\n</details>\n");
    }
    out
}

/// The element the wasm front end fills. Until it does, it says so, in both languages.
pub fn demo_mount(id: &str) -> String {
    format!(
        "<div class=\"demo-root\" data-demo=\"{id}\">\
         <p class=\"demo-placeholder\"><span lang=\"en\">Interactive demo loading…</span>\
         <span lang=\"zh\">交互演示加载中…</span></p>\
         <noscript><p class=\"demo-noscript\">\
         <span lang=\"en\">This demo computes its plots in your browser: it needs JavaScript and WebAssembly.</span>\
         <span lang=\"zh\">本演示在浏览器中计算并绘图，需要启用 JavaScript 和 WebAssembly。</span></p></noscript></div>\n"
    )
}

/// Replaces [`MARKER`] in the page shell with the article.
pub fn inject(page: &str, article: &str) -> Result<String, String> {
    match page.matches(MARKER).count() {
        1 => Ok(page.replacen(MARKER, article, 1)),
        0 => Err(format!(
            "the page has no `{MARKER}` marker (was the article injected already?)"
        )),
        n => Err(format!("the page has {n} `{MARKER}` markers; expected one")),
    }
}
