//! The 22 panels of the page and loading their markdown files.
//!
//! `content/<lang>/NN-<id>.md` starts with a front matter block (`id`, `kind`,
//! `title`) between `---` lines; the rest is the CommonMark body.

use crate::diagnostics::Diagnostic;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

/// A text section or a live demo; the two look different on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Demo,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Demo => "demo",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        match s {
            "text" => Some(Kind::Text),
            "demo" => Some(Kind::Demo),
            _ => None,
        }
    }
}

/// The two languages of the page (defined with the figures' words, which
/// `dpm figure` reads without the article builder).
pub use dpm_figures::Lang;

/// Page order and anchor ids, the same as the original article's so old deep links work.
pub const SECTIONS: [(&str, Kind); 22] = [
    ("introduction", Kind::Text),
    ("transform", Kind::Text),
    ("demo_1", Kind::Demo),
    ("likelihood", Kind::Text),
    ("posterior", Kind::Text),
    ("demo_2", Kind::Demo),
    ("forward_process", Kind::Text),
    ("demo_3_1", Kind::Demo),
    ("backward_process", Kind::Text),
    ("demo_3_2", Kind::Demo),
    ("fit_posterior", Kind::Text),
    ("demo_3_3", Kind::Demo),
    ("posterior_transform", Kind::Text),
    ("demo_4_1", Kind::Demo),
    ("demo_4_2", Kind::Demo),
    ("deconvolution", Kind::Text),
    ("cond_kl", Kind::Text),
    ("approx_gauss", Kind::Text),
    ("non_expanding", Kind::Text),
    ("stationary", Kind::Text),
    ("reference", Kind::Text),
    ("about", Kind::Text),
];

/// `NN-<id>.md` for the section at `index`.
pub fn file_name(index: usize, id: &str) -> String {
    format!("{index:02}-{id}.md")
}

/// One panel's markdown in one language.
#[derive(Debug, Clone)]
pub struct Source {
    pub lang: Lang,
    pub index: usize,
    pub id: &'static str,
    pub kind: Kind,
    pub path: PathBuf,
    pub title: String,
    /// The whole file, front matter included, so offsets map to file lines.
    pub text: String,
    /// Byte offset where the markdown body starts.
    pub body_start: usize,
}

impl Source {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// 1-based file line of a byte offset into [`Source::body`].
    pub fn line_at(&self, body_offset: usize) -> usize {
        let end = (self.body_start + body_offset).min(self.text.len());
        1 + self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
    }
}

/// Every panel file found, per language, in page order. A panel that failed to
/// load is absent here and reported as a diagnostic.
#[derive(Debug, Default)]
pub struct Content {
    pub sources: BTreeMap<(Lang, usize), Source>,
}

impl Content {
    pub fn get(&self, lang: Lang, index: usize) -> Option<&Source> {
        self.sources.get(&(lang, index))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Source> {
        self.sources.values()
    }

    pub fn of(&self, lang: Lang) -> impl Iterator<Item = &Source> {
        self.sources.values().filter(move |s| s.lang == lang)
    }
}

/// Reads `content_dir/{en,zh}`. Problems (missing, misnumbered, one-language-only
/// or unknown files, bad front matter) are pushed to `diags`.
pub fn load(content_dir: &Path, diags: &mut Vec<Diagnostic>) -> Content {
    let mut present: HashMap<Lang, Vec<bool>> = HashMap::new();
    let mut misplaced: HashMap<Lang, Vec<bool>> = HashMap::new();
    for lang in Lang::ALL {
        let dir = content_dir.join(lang.code());
        let (p, m) = scan_dir(&dir, diags);
        present.insert(lang, p);
        misplaced.insert(lang, m);
    }

    let mut content = Content::default();
    for (index, &(id, kind)) in SECTIONS.iter().enumerate() {
        let name = file_name(index, id);
        let en = present[&Lang::En][index];
        let zh = present[&Lang::Zh][index];
        for lang in Lang::ALL {
            let path = content_dir.join(lang.code()).join(&name);
            let other = lang.other();
            let here = present[&lang][index];
            let there = present[&other][index];
            if here {
                match load_file(&path, lang, index, id, kind) {
                    Ok(src) => {
                        content.sources.insert((lang, index), src);
                    }
                    Err(d) => diags.push(d),
                }
            } else if misplaced[&lang][index] {
                // already reported as misnumbered
            } else if there {
                diags.push(Diagnostic::new(
                    &path,
                    None,
                    format!(
                        "section `{id}` is present in {} only ({}); its {} file is missing",
                        other.name(),
                        content_dir.join(other.code()).join(&name).display(),
                        lang.name()
                    ),
                ));
            } else if !(en || zh) {
                diags.push(Diagnostic::new(
                    &path,
                    None,
                    format!(
                        "missing section `{id}` (panel {} of {}, see content/README.md)",
                        index + 1,
                        SECTIONS.len()
                    ),
                ));
            }
        }
    }
    content
}

/// Which expected files exist in `dir`; reports unknown and misnumbered `.md` files.
fn scan_dir(dir: &Path, diags: &mut Vec<Diagnostic>) -> (Vec<bool>, Vec<bool>) {
    let mut present = vec![false; SECTIONS.len()];
    let mut misplaced = vec![false; SECTIONS.len()];
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diags.push(Diagnostic::new(
                dir,
                None,
                format!("cannot read the language directory: {e}"),
            ));
            return (present, misplaced);
        }
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    for name in names {
        if let Some(index) = SECTIONS
            .iter()
            .enumerate()
            .position(|(i, (id, _))| file_name(i, id) == name)
        {
            present[index] = true;
            continue;
        }
        let stem = &name[..name.len() - 3];
        let id = stem.split_once('-').map_or(stem, |(_, id)| id);
        match SECTIONS.iter().position(|(known, _)| *known == id) {
            Some(index) => {
                misplaced[index] = true;
                diags.push(Diagnostic::new(
                    dir.join(&name),
                    None,
                    format!(
                        "section `{id}` is out of order: it is panel {} of {} and must be named `{}`",
                        index + 1,
                        SECTIONS.len(),
                        file_name(index, id)
                    ),
                ));
            }
            None => diags.push(Diagnostic::new(
                dir.join(&name),
                None,
                "unknown section file: the 22 sections and their file names are listed in content/README.md",
            )),
        }
    }
    (present, misplaced)
}

fn load_file(
    path: &Path,
    lang: Lang,
    index: usize,
    id: &'static str,
    kind: Kind,
) -> Result<Source, Diagnostic> {
    let text = fs::read_to_string(path)
        .map_err(|e| Diagnostic::new(path, None, format!("cannot read: {e}")))?;
    let fm = parse_front_matter(&text).map_err(|(line, msg)| Diagnostic::new(path, line, msg))?;
    if fm.id.0 != id {
        return Err(Diagnostic::new(
            path,
            Some(fm.id.1),
            format!(
                "front matter id `{}` must equal the file's id `{id}`",
                fm.id.0
            ),
        ));
    }
    match Kind::parse(&fm.kind.0) {
        Some(k) if k == kind => {}
        Some(_) | None => {
            return Err(Diagnostic::new(
                path,
                Some(fm.kind.1),
                format!(
                    "front matter kind `{}` must be `{}` for section `{id}`",
                    fm.kind.0,
                    kind.as_str()
                ),
            ))
        }
    }
    if fm.title.0.is_empty() {
        return Err(Diagnostic::new(path, Some(fm.title.1), "empty title"));
    }
    Ok(Source {
        lang,
        index,
        id,
        kind,
        path: path.to_path_buf(),
        title: fm.title.0,
        body_start: fm.body_start,
        text,
    })
}

/// Front matter values with the line each was given on.
#[derive(Debug, PartialEq, Eq)]
pub struct FrontMatter {
    pub id: (String, usize),
    pub kind: (String, usize),
    pub title: (String, usize),
    pub body_start: usize,
}

/// Parses the `---` block at the top of a content file.
pub fn parse_front_matter(text: &str) -> Result<FrontMatter, (Option<usize>, String)> {
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    offset += first.len();
    if first.trim_start_matches('\u{feff}').trim_end() != "---" {
        return Err((
            Some(1),
            "the file must start with a front matter block (`---`, id, kind, title, `---`)".into(),
        ));
    }
    let mut fields: HashMap<&str, (String, usize)> = HashMap::new();
    for (n, line) in lines.enumerate() {
        let line_no = n + 2;
        offset += line.len();
        let trimmed = line.trim_end();
        if trimmed == "---" {
            let mut take = |key: &str| {
                fields
                    .remove(key)
                    .ok_or((Some(line_no), format!("front matter has no `{key}`")))
            };
            return Ok(FrontMatter {
                id: take("id")?,
                kind: take("kind")?,
                title: take("title")?,
                body_start: offset,
            });
        }
        if trimmed.is_empty() {
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            return Err((
                Some(line_no),
                format!("front matter line must be `key: value`, got `{trimmed}`"),
            ));
        };
        let key = key.trim();
        let key = match key {
            "id" => "id",
            "kind" => "kind",
            "title" => "title",
            other => {
                return Err((
                    Some(line_no),
                    format!("unknown front matter key `{other}` (expected id, kind, title)"),
                ))
            }
        };
        let value = unquote(value.trim()).to_string();
        if fields.insert(key, (value, line_no)).is_some() {
            return Err((
                Some(line_no),
                format!("front matter key `{key}` given twice"),
            ));
        }
    }
    Err((Some(1), "front matter block is not closed by `---`".into()))
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}
