//! Assembles one language's panels into the page's HTML and writes that
//! language's document from the page shell.
//!
//! One document per language (`index.html`, `index.zh.html`, side by side so
//! the same relative URLs serve both): each holds its own language's panels
//! only, and links to the other (`<link rel="alternate">` in the head, the
//! language switch in the toolbar, a plain link that works without
//! JavaScript; www/page.js swaps the panels in place instead).

use crate::markdown::title_html;
use crate::sections::{Kind, Lang, Source};

/// Where the article goes in `www/index.html`.
pub const MARKER: &str = "<!--ARTICLE-->";
/// Where the `<link rel="alternate" hreflang>` of both documents go (head).
pub const ALTERNATE_MARKER: &str = "<!--LANG-ALTERNATE-->";
/// Where the link to the other language's document goes (toolbar).
pub const SWITCH_MARKER: &str = "<!--LANG-SWITCH-->";

/// The page's title in each language (also in www/page.js).
pub fn title(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Understanding Diffusion Probability Model Interactively",
        Lang::Zh => "交互式理解扩散概率模型",
    }
}

/// The page's description for search results, in each language.
pub fn description(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "How a diffusion probability model works, shown with one-dimensional random variables and live demos that run in your browser.",
        Lang::Zh => "用一维随机变量和在浏览器中实时运行的交互演示，讲清扩散概率模型的工作原理。",
    }
}

/// The file name of `lang`'s document, next to the English `page_name`
/// (`index.html` → `index.zh.html`).
pub fn document_name(page_name: &str, lang: Lang) -> String {
    match lang {
        Lang::En => page_name.to_string(),
        Lang::Zh => match page_name.strip_suffix(".html") {
            Some(stem) => format!("{stem}.zh.html"),
            None => format!("{page_name}.zh.html"),
        },
    }
}

/// One panel: its source and rendered body in one language.
pub struct Panel<'a> {
    pub src: &'a Source,
    pub body: String,
}

/// All panels of one language as `<details>` elements. A panel's title is
/// its `<h2>` (inside `<summary>`, as HTML allows), so the article's `###`
/// subheadings (h3) follow the page's h1 in order.
pub fn article_html(panels: &[Panel]) -> String {
    let mut out = String::new();
    for p in panels {
        let id = p.src.id;
        let kind = p.src.kind.as_str();
        let lang = p.src.lang.code();
        out.push_str(&format!(
            "<details id=\"{id}\" class=\"panel {kind}\">\n\
             <summary><h2 class=\"panel-heading\"><span class=\"panel-title\" lang=\"{lang}\">{}</span></h2></summary>\n\
             <div class=\"panel-content\">\n\
             <div class=\"body\" lang=\"{lang}\">\n{}</div>\n",
            title_html(&p.src.title),
            p.body,
        ));
        if p.src.kind == Kind::Demo {
            out.push_str(&demo_mount(id));
        }
        out.push_str("</div>\n</details>\n");
    }
    out
}

/// The element the wasm front end fills. Until it does, it says so, in both
/// languages (it stays when the page switches language in place).
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

/// `lang`'s document from the page shell: the article injected, and where the
/// shell has them, `<html lang>`, `<title>`, the description, the alternate
/// links and the language switch set for `lang` (`page_name`: the English document's file
/// name).
pub fn document(shell: &str, article: &str, lang: Lang, page_name: &str) -> Result<String, String> {
    let mut out = inject(shell, article)?;
    out = out.replacen(
        "<html lang=\"en\"",
        &format!("<html lang=\"{}\"", lang.code()),
        1,
    );
    if let (Some(open), Some(close)) = (out.find("<title>"), out.find("</title>")) {
        if open < close {
            out.replace_range(open + "<title>".len()..close, title(lang));
        }
    }
    const META: &str = "<meta name=\"description\" content=\"";
    if let Some(at) = out.find(META) {
        let from = at + META.len();
        if let Some(len) = out[from..].find('"') {
            out.replace_range(from..from + len, description(lang));
        }
    }
    let alternates: String = Lang::ALL
        .iter()
        .map(|&l| {
            format!(
                "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">",
                l.code(),
                document_name(page_name, l)
            )
        })
        .collect();
    out = out.replacen(ALTERNATE_MARKER, &alternates, 1);
    let other = lang.other();
    let (label, hint) = match other {
        Lang::Zh => ("中文", "切换到中文"),
        Lang::En => ("English", "Switch to English"),
    };
    let switch = format!(
        "<a class=\"switch lang-switch\" data-control=\"language\" href=\"{}\" hreflang=\"{code}\" lang=\"{code}\" title=\"{hint}\">{label}</a>",
        document_name(page_name, other),
        code = other.code(),
    );
    Ok(out.replacen(SWITCH_MARKER, &switch, 1))
}
