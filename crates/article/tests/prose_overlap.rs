//! Our English text is our own: no run of ten consecutive words is shared with
//! the original's markdown source (`shared/reference/004_*.article-source-en.txt`,
//! read in place beside the repository).

use dpm_article::prose::{markdown_words, reference_words, shared_runs};
use dpm_article::sections::parse_front_matter;
use std::fs;
use std::path::Path;

const RUN: usize = 10;

#[test]
fn english_prose_shares_no_ten_word_run_with_reference() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let reference_dir = crate_dir.join("../../../shared/reference/");
    let reference_file = fs::read_dir(&reference_dir)
        .unwrap_or_else(|e| panic!("{}: {e}", reference_dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("004_") && name.ends_with(".article-source-en.txt")
        })
        .expect("the reference source 004_*.article-source-en.txt");
    let reference = reference_words(&fs::read_to_string(&reference_file).unwrap());
    assert!(reference.iter().map(Vec::len).sum::<usize>() > 5000);

    let content_dir = crate_dir.join("../../content/en");
    let mut files: Vec<_> = fs::read_dir(&content_dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        // The reference list is the original's by nature (titles of the cited works).
        .filter(|p| !p.to_string_lossy().ends_with("-reference.md"))
        .collect();
    files.sort();

    let mut total = 0;
    let mut found = Vec::new();
    for path in &files {
        let text = fs::read_to_string(path).unwrap();
        // Titles are the original's by design (the page structure keeps them).
        let body = match parse_front_matter(&text) {
            Ok(fm) => &text[fm.body_start..],
            Err(_) => &text[..],
        };
        let words = markdown_words(body);
        total += words.len();
        for run in shared_runs(&words, &reference, RUN) {
            found.push(format!(
                "{}: \"{run}\"",
                path.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(
        total > 0,
        "no English prose found in {}",
        content_dir.display()
    );
    assert!(
        found.is_empty(),
        "{} run(s) of {RUN}+ words shared with the original:\n{}",
        found.len(),
        found.join("\n")
    );
}
