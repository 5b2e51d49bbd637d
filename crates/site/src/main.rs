//! `dpm-site`: finishes a built site in place (Trunk's `post_build` hook runs
//! it on the staging dir after the article is injected).
//!
//! ```text
//! dpm-site DIR [--release | --debug]
//! ```
//! Without a flag the profile is Trunk's `$TRUNK_PROFILE`. A debug build
//! (`trunk serve`) is left alone: no CSP (Trunk's live-reload script is
//! inline) and no service worker (it would serve stale files while editing).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut dir: Option<PathBuf> = None;
    let mut release = std::env::var("TRUNK_PROFILE").map_or(true, |p| p == "release");
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--release" => release = true,
            "--debug" => release = false,
            "-h" | "--help" => {
                eprintln!("usage: dpm-site DIR [--release | --debug]");
                return ExitCode::from(2);
            }
            other if dir.is_none() && !other.starts_with('-') => dir = Some(other.into()),
            other => {
                eprintln!("dpm-site: unknown argument `{other}` (try --help)");
                return ExitCode::from(2);
            }
        }
    }
    let Some(dir) = dir else {
        eprintln!("dpm-site: which directory? (usage: dpm-site DIR [--release | --debug])");
        return ExitCode::from(2);
    };
    if !release {
        eprintln!("dpm-site: debug build, left as it is (no CSP, no service worker)");
        return ExitCode::SUCCESS;
    }
    match dpm_site::finish(&dir) {
        Ok(report) => {
            eprintln!(
                "dpm-site: {} page(s) with CSP, {} loader(s) made external, service worker {} caching {} files",
                report.pages, report.loaders, report.version, report.files
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dpm-site: {e}");
            ExitCode::FAILURE
        }
    }
}
