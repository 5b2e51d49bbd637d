//! Article builder: the bilingual article, markdown + KaTeX → static HTML, at build time.
//!
//! Reads `content/en` and `content/zh` (format in `content/README.md`), renders
//! every formula with KaTeX 0.16.4 (as MathML) and writes one document per
//! language from the page shell (`www/index.html`, the 22 panels at
//! `<!--ARTICLE-->`): `index.html` in English, `index.zh.html` in Chinese.
//! Trunk runs it as a `post_build` hook (see `Trunk.toml`).
//!
//! *Invariant:* runs only at build time, never in the browser. The build fails,
//! naming file and line, on: a formula KaTeX rejects; a missing, misnumbered or
//! one-language-only section; equation tags that differ between the languages
//! or repeat; a prose reference ("equation 4.1", "式 4.1", "(A.15)") to no tag
//! of its language (references become links to the formula, `#eq-<tag>`); a `#id` link to no panel or anchor of that language; an unknown
//! figure id, or figures that differ between the languages.
//!
//! Page contract (for `www/page.js` and the wasm front end): each panel is
//! `<details id="<id>" class="panel text|demo">` with one language's
//! `<summary><h2><span class="panel-title" lang>` and `<div class="body" lang>`
//! (page.js swaps these two for the other document's when the reader
//! switches language). A demo panel ends with `<div class="demo-root"
//! data-demo="<id>">`, which the swap leaves alone. Raw-HTML ids of the
//! Chinese body get a `zh-` prefix; links keep `#id`.

pub mod diagnostics;
pub mod figures;
pub mod html;
pub mod markdown;
pub mod math;
pub mod page;
pub mod prose;
pub mod refs;
pub mod sections;

use diagnostics::Diagnostic;
use markdown::{Analysis, Located};
use sections::{Content, Lang, Source, SECTIONS};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

/// The built article and what it took.
#[derive(Debug)]
pub struct Article {
    /// The English panels' HTML, to replace [`page::MARKER`].
    pub en: String,
    /// The Chinese panels' HTML.
    pub zh: String,
    pub formulas: usize,
    pub unique_formulas: usize,
    /// Every formula's KaTeX HTML by its `data-f` index: `formulas.json`.
    pub formulas_json: String,
    pub math_millis: u128,
}

/// Builds the article from `content_dir`, or returns every problem found, sorted
/// by file and line.
impl Article {
    /// The panels' HTML in `lang`.
    pub fn html(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

pub fn build(content_dir: &Path) -> Result<Article, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let content = sections::load(content_dir, &mut diags);
    let analyses: BTreeMap<(Lang, usize), Analysis> = content
        .sources
        .iter()
        .map(|(key, src)| (*key, markdown::analyse(src)))
        .collect();

    check_figures(&content, &analyses, &mut diags);
    check_links(&content, &analyses, &mut diags);
    check_tags(&content, &analyses, &mut diags);
    check_eq_refs(&content, &analyses, &mut diags);

    let started = Instant::now();
    let formulas: Vec<(&str, bool)> = analyses
        .values()
        .flat_map(|a| a.formulas.iter().map(|f| (f.tex.as_str(), f.display)))
        .collect();
    let rendered = math::render_all(formulas.iter().copied());
    let math_millis = started.elapsed().as_millis();
    for (key, a) in &analyses {
        let src = &content.sources[key];
        for &line in &a.stray_dollars {
            diags.push(Diagnostic::new(
                &src.path,
                Some(line),
                "a `$` here is not part of a formula: unbalanced braces inside `$…$`? \
                 (write `\\$` for a dollar sign)",
            ));
        }
        for &line in &a.math_in_html {
            diags.push(Diagnostic::new(
                &src.path,
                Some(line),
                "`$` inside raw HTML: markdown and math are not rendered there \
                 (write the list or paragraph in markdown instead)",
            ));
        }
        for f in &a.formulas {
            if let Some(err) = rendered.error(&f.tex, f.display) {
                let mode = if f.display { "display" } else { "inline" };
                diags.push(Diagnostic::new(
                    &src.path,
                    Some(f.line),
                    format!(
                        "KaTeX rejects the {mode} formula `{}`: {err}",
                        short(&f.tex)
                    ),
                ));
            }
        }
    }

    if !diags.is_empty() {
        diags.sort();
        diags.dedup();
        return Err(diags);
    }

    let html = |lang: Lang| {
        let panels: Vec<page::Panel> = (0..SECTIONS.len())
            .map(|i| {
                let src = content.get(lang, i).expect("checked above");
                page::Panel {
                    src,
                    body: markdown::render(src, &rendered),
                }
            })
            .collect();
        page::article_html(&panels)
    };
    Ok(Article {
        en: html(Lang::En),
        zh: html(Lang::Zh),
        formulas: formulas.len(),
        unique_formulas: rendered.len(),
        formulas_json: rendered.html_table(),
        math_millis,
    })
}

fn short(tex: &str) -> String {
    let one_line = tex.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None => one_line,
    }
}

fn located<'a>(
    content: &'a Content,
    analyses: &'a BTreeMap<(Lang, usize), Analysis>,
    lang: Lang,
) -> impl Iterator<Item = (&'a Source, &'a Analysis)> {
    content
        .of(lang)
        .map(move |src| (src, &analyses[&(src.lang, src.index)]))
}

/// Figure ids must be known, markers well formed, and each panel must show the
/// same figures in both languages.
fn check_figures(
    content: &Content,
    analyses: &BTreeMap<(Lang, usize), Analysis>,
    diags: &mut Vec<Diagnostic>,
) {
    for src in content.iter() {
        let a = &analyses[&(src.lang, src.index)];
        for f in &a.figures {
            if !figures::is_known(&f.name) {
                let known: Vec<&str> = figures::FIGURES.iter().map(|f| f.0).collect();
                diags.push(Diagnostic::new(
                    &src.path,
                    Some(f.line),
                    format!(
                        "unknown figure id `{}` (known: {})",
                        f.name,
                        known.join(", ")
                    ),
                ));
            }
        }
        for f in &a.malformed_figures {
            diags.push(Diagnostic::new(
                &src.path,
                Some(f.line),
                format!(
                    "write the figure marker on one line as `<figure data-figure=\"{}\"></figure>`",
                    f.name
                ),
            ));
        }
    }
    for i in 0..SECTIONS.len() {
        let (Some(en), Some(zh)) = (content.get(Lang::En, i), content.get(Lang::Zh, i)) else {
            continue;
        };
        let names = |src: &Source| -> Vec<String> {
            analyses[&(src.lang, src.index)]
                .figures
                .iter()
                .map(|f| f.name.clone())
                .collect()
        };
        let (fe, fz) = (names(en), names(zh));
        if fe != fz {
            diags.push(Diagnostic::new(
                &zh.path,
                None,
                format!(
                    "figures differ between the languages: en has [{}], zh has [{}]",
                    fe.join(", "),
                    fz.join(", ")
                ),
            ));
        }
    }
}

/// Every `#id` link must name a panel or an `id="…"` anchor of the same language;
/// anchors must be unique.
fn check_links(
    content: &Content,
    analyses: &BTreeMap<(Lang, usize), Analysis>,
    diags: &mut Vec<Diagnostic>,
) {
    for lang in Lang::ALL {
        let mut targets: HashMap<String, String> = SECTIONS
            .iter()
            .map(|(id, _)| (id.to_string(), "a panel id".to_string()))
            .collect();
        for (src, a) in located(content, analyses, lang) {
            for anchor in &a.anchors {
                let here = format!("{}:{}", src.path.display(), anchor.line);
                if let Some(first) = targets.insert(anchor.name.clone(), here) {
                    diags.push(Diagnostic::new(
                        &src.path,
                        Some(anchor.line),
                        format!("id `{}` is already {first}", anchor.name),
                    ));
                }
            }
        }
        let refs = located(content, analyses, lang).map(|(src, a)| (src, &a.links));
        let message = "link to `#{name}` names no panel id and no anchor in the {lang} content";
        unknown_refs(
            refs,
            |name| targets.contains_key(name),
            message,
            lang,
            diags,
        );
    }
}

/// A diagnostic for each reference in `refs` (of language `lang`) that
/// `known` refuses: `message` with `{name}` and `{lang}` filled in.
fn unknown_refs<'a>(
    refs: impl Iterator<Item = (&'a Source, &'a Vec<Located>)>,
    known: impl Fn(&str) -> bool,
    message: &str,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) {
    for (src, list) in refs {
        for r in list.iter().filter(|r| !known(&r.name)) {
            let text = message
                .replace("{name}", &r.name)
                .replace("{lang}", lang.name());
            diags.push(Diagnostic::new(&src.path, Some(r.line), text));
        }
    }
}

/// Every equation reference in the prose must name a `\tag{…}` of the same
/// language (the reference becomes a link to that formula).
fn check_eq_refs(
    content: &Content,
    analyses: &BTreeMap<(Lang, usize), Analysis>,
    diags: &mut Vec<Diagnostic>,
) {
    for lang in Lang::ALL {
        let tags: HashSet<&str> = located(content, analyses, lang)
            .flat_map(|(_, a)| a.tags.iter().map(|t| t.name.as_str()))
            .collect();
        let refs = located(content, analyses, lang).map(|(src, a)| (src, &a.eq_refs));
        let message = "reference to equation ({name}) names no \\tag{…} in the {lang} content";
        unknown_refs(refs, |name| tags.contains(name), message, lang, diags);
    }
}

/// Equation tags: no repeats within a language, the same set in both.
fn check_tags(
    content: &Content,
    analyses: &BTreeMap<(Lang, usize), Analysis>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut sets: HashMap<Lang, BTreeMap<String, (std::path::PathBuf, usize)>> = HashMap::new();
    for lang in Lang::ALL {
        let set = sets.entry(lang).or_default();
        for (src, a) in located(content, analyses, lang) {
            for tag in &a.tags {
                if let Some((path, line)) = set.get(&tag.name) {
                    diags.push(Diagnostic::new(
                        &src.path,
                        Some(tag.line),
                        format!(
                            "duplicate equation tag ({}): already used at {}:{}",
                            tag.name,
                            path.display(),
                            line
                        ),
                    ));
                } else {
                    set.insert(tag.name.clone(), (src.path.clone(), tag.line));
                }
            }
        }
    }
    let languages_complete = |lang: Lang| content.of(lang).count() == SECTIONS.len();
    for lang in Lang::ALL {
        let other = lang.other();
        let theirs: HashSet<&String> = sets[&other].keys().collect();
        for (tag, (path, line)) in &sets[&lang] {
            // With a panel missing in the other language, that is the error to fix first.
            let other_has_panel = content
                .iter()
                .any(|s| s.lang == other && s.path.file_name() == path.file_name());
            if !theirs.contains(tag) && (other_has_panel || languages_complete(other)) {
                diags.push(Diagnostic::new(
                    path,
                    Some(*line),
                    format!(
                        "equation tag ({tag}) is in the {} content but not in the {}",
                        lang.name(),
                        other.name()
                    ),
                ));
            }
        }
    }
}
