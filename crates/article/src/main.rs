//! `dpm-article`: builds the article and writes it into the page.
//!
//! ```text
//! dpm-article [--content DIR] [--inject PAGE.html] [--out FILE] [--check]
//! ```
//! `--inject` replaces `<!--ARTICLE-->` in PAGE.html in place (Trunk's
//! `post_build` hook does this to the staged `index.html`); `--out` writes the
//! bare article HTML; `--check` only validates. With none of them the article
//! goes to stdout.

use std::path::PathBuf;
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
    if let Err(e) = write(&args, &article.html) {
        eprintln!("dpm-article: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "dpm-article: 22 panels x 2 languages, {} formulas ({} distinct, KaTeX {} ms), {} KiB, in {} ms",
        article.formulas,
        article.unique_formulas,
        article.math_millis,
        article.html.len() / 1024,
        started.elapsed().as_millis()
    );
    ExitCode::SUCCESS
}

fn write(args: &Args, html: &str) -> Result<(), String> {
    if args.check {
        return Ok(());
    }
    if let Some(page_path) = &args.inject {
        let page = std::fs::read_to_string(page_path)
            .map_err(|e| format!("cannot read {}: {e}", page_path.display()))?;
        let page = dpm_article::page::inject(&page, html)
            .map_err(|e| format!("{}: {e}", page_path.display()))?;
        std::fs::write(page_path, page)
            .map_err(|e| format!("cannot write {}: {e}", page_path.display()))?;
    }
    if let Some(out) = &args.out {
        std::fs::write(out, html).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    }
    if args.inject.is_none() && args.out.is_none() {
        print!("{html}");
    }
    Ok(())
}
