//! Generates the word tables from `words/*.tsv`, so translators edit one row
//! per string (`key<TAB>English<TAB>Chinese`) and the code keeps typed
//! constants. Hand-written because it is a tab split: no parser crate needed.

use std::{env, fs, path::Path};

/// The rows of a table: comment (`#`) and blank lines skipped, `\n` and `\\`
/// unescaped. Panics (fails the build) with file and line on a malformed row.
fn rows(file: &str) -> Vec<Vec<String>> {
    println!("cargo:rerun-if-changed={file}");
    let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<String> = line.split('\t').map(unescape).collect();
        if !(3..=4).contains(&cells.len()) || cells[..3].iter().any(|c| c.is_empty()) {
            panic!(
                "{file}:{}: want key<TAB>English<TAB>Chinese[<TAB>doc]",
                n + 1
            );
        }
        out.push(cells);
    }
    out
}

fn unescape(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('\\') => out.push('\\'),
            other => panic!("unknown escape \\{other:?} in {cell:?}"),
        }
    }
    out
}

fn main() {
    let out = Path::new(&env::var("OUT_DIR").unwrap()).to_path_buf();
    let mut demos = String::new();
    let mut all = String::from(
        "/// Every constant above, by name (for the tests).\npub const ALL: &[(&str, Text)] = &[\n",
    );
    for row in rows("words/demos.tsv") {
        all += &format!("    ({:?}, {}),\n", row[0], row[0]);
        if let Some(doc) = row.get(3) {
            demos += &format!("#[doc = {doc:?}]\n");
        }
        demos += &format!(
            "pub const {}: Text = Text::new({:?}, {:?});\n",
            row[0], row[1], row[2]
        );
    }
    demos += &all;
    demos += "];\n";
    fs::write(out.join("demos.rs"), demos).unwrap();
    let mut figures = String::from("&[\n");
    for row in rows("words/figures.tsv") {
        figures += &format!("    ({:?}, {:?}, {:?}),\n", row[0], row[1], row[2]);
    }
    figures += "]\n";
    fs::write(out.join("figures.rs"), figures).unwrap();
}
