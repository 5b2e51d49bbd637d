//! ARCHITECTURE.md is a code map: every source file under `crates/*/src`
//! has its line there (its path in backticks), and every source path it names
//! exists. A new, moved or deleted file fails this test until the map says so.

use std::fs;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sources(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(repo()).unwrap_or(&path);
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn source_files() -> Vec<String> {
    let mut out = Vec::new();
    for krate in fs::read_dir(repo().join("crates")).unwrap().flatten() {
        sources(&krate.path().join("src"), &mut out);
    }
    out.sort();
    out
}

/// Paths in backticks that name a source file under `crates/*/src`.
fn mapped(doc: &str) -> Vec<String> {
    doc.split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| s.starts_with("crates/") && s.contains("/src/") && s.ends_with(".rs"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_source_file_has_its_line_in_the_map() {
    let doc = fs::read_to_string(repo().join("ARCHITECTURE.md")).unwrap();
    let named = mapped(&doc);
    let files = source_files();
    assert!(files.len() > 40, "only {} source files found", files.len());
    let missing: Vec<&String> = files.iter().filter(|f| !named.contains(f)).collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md has no line for: {missing:#?}"
    );
    let stale: Vec<&String> = named.iter().filter(|n| !files.contains(n)).collect();
    assert!(
        stale.is_empty(),
        "ARCHITECTURE.md names files that do not exist: {stale:#?}"
    );
}
