//! `dpm-article`: builds the article and writes it into the page.
//!
//! ```text
//! dpm-article [--content DIR] [--inject PAGE.html] [--out FILE] [--check]
//! ```
//! `--inject` makes PAGE.html the English document and writes the Chinese one
//! (and `formulas.json`, the formulas' KaTeX HTML for `www/formulas.js`)
//! beside it (`index.html` → `index.zh.html`; see `page::document`; Trunk's
//! `post_build` hook does this to the staged `index.html`); `--out` writes the
//! bare English article HTML (and FILE's `.zh` sibling the Chinese);
//! `--check` only validates. With none of them the English article goes to
//! stdout.

use dpm_article::{page, sections::Lang, Article};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

struct Args {
    content: PathBuf,
    inject: Option<PathBuf>,
    out: Option<PathBuf>,
    check: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        content: PathBuf::from("content"),
        inject: None,
        out: None,
        check: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--content" => args.content = value("--content")?.into(),
            "--inject" => args.inject = Some(value("--inject")?.into()),
            "--out" => args.out = Some(value("--out")?.into()),
            "--check" => args.check = true,
            "-h" | "--help" => return Err(
                "usage: dpm-article [--content DIR] [--inject PAGE.html] [--out FILE] [--check]"
                    .into(),
            ),
            other => return Err(format!("unknown argument `{other}` (try --help)")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("dpm-article: {e}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let article = match dpm_article::build(&args.content) {
        Ok(a) => a,
        Err(diags) => {
            for d in &diags {
                eprintln!("error: {d}");
            }
            eprintln!(
                "dpm-article: {} problem(s) in {}; the article was not built",
                diags.len(),
                args.content.display()
            );
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = write(&args, &article) {
        eprintln!("dpm-article: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "dpm-article: 22 panels x 2 languages, {} formulas ({} distinct, KaTeX {} ms), {} + {} KiB, in {} ms",
        article.formulas,
        article.unique_formulas,
        article.math_millis,
        article.en.len() / 1024,
        article.zh.len() / 1024,
        started.elapsed().as_millis()
    );
    ExitCode::SUCCESS
}

/// `path` with its file name changed to `lang`'s document name.
fn sibling(path: &Path, lang: Lang) -> PathBuf {
    let name = path.file_name().map_or_else(
        || "index.html".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    path.with_file_name(page::document_name(&name, lang))
}

fn write(args: &Args, article: &Article) -> Result<(), String> {
    if args.check {
        return Ok(());
    }
    if let Some(page_path) = &args.inject {
        let shell = std::fs::read_to_string(page_path)
            .map_err(|e| format!("cannot read {}: {e}", page_path.display()))?;
        let name = page_path
            .file_name()
            .map_or_else(|| "index.html".into(), |n| n.to_string_lossy().into_owned());
        // Both documents are made before either is written: a bad shell
        // leaves the staged page as it was.
        let docs = Lang::ALL
            .iter()
            .map(|&lang| {
                page::document(&shell, article.html(lang), lang, &name)
                    .map(|doc| (sibling(page_path, lang), doc))
                    .map_err(|e| format!("{}: {e}", page_path.display()))
            })
            .collect::<Result<Vec<_>, String>>()?;
        let formulas = page_path.with_file_name("formulas.json");
        for (path, doc) in docs
            .into_iter()
            .chain([(formulas, article.formulas_json.clone())])
        {
            std::fs::write(&path, doc)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    if let Some(out) = &args.out {
        for lang in Lang::ALL {
            let path = sibling(out, lang);
            std::fs::write(&path, article.html(lang))
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    if args.inject.is_none() && args.out.is_none() {
        print!("{}", article.en);
    }
    Ok(())
}
