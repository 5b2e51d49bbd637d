//! Finishes the site Trunk built, so that it runs under a strict
//! Content-Security-Policy and works offline after one visit.
//!
//! For every HTML document in the directory:
//! - Trunk's inline module script (the wasm loader) becomes a file next to
//!   the document, `loader-<hash>.js`, loaded with `src`: the policy allows
//!   scripts from the site only (`'self'`), never inline ones. Any other
//!   inline script or `<style>` element fails the build instead of failing
//!   silently in the browser.
//! - a `<meta http-equiv="Content-Security-Policy">` ([`CSP`]) goes right
//!   after `<meta charset>`, before anything it governs;
//! - `<meta name="dpm-service-worker">` names the service worker (relative to
//!   the document) for www/offline.js to register: only release builds have
//!   it, so `trunk serve` never installs one.
//!
//! Then `sw.js` (copied from www/sw.js by Trunk) gets the build's file list
//! and a version that is a hash of every file's path and bytes: a new build
//! is a new cache, and the old one is dropped when the new worker activates.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// The policy every page carries. Scripts only from the site (plus
/// compiling the wasm module), styles only from the site except `style`
/// attributes (KaTeX positions glyphs with them, the demos size bars),
/// nothing from elsewhere, no plugins, no `<base>`, no form posts.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; \
font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; \
object-src 'none'; base-uri 'none'; form-action 'none'";

/// The line in www/sw.js that this program replaces.
pub const SW_MARKER: &str = r#"const BUILD = { version: "dev", files: [] };"#;

/// The service worker's file name (at the site's root).
pub const SW_FILE: &str = "sw.js";

/// What [`finish`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// HTML documents given the policy.
    pub pages: usize,
    /// Inline loaders written to files.
    pub loaders: usize,
    /// Files the service worker caches.
    pub files: usize,
    /// The cache version (a hash of the files).
    pub version: String,
}

/// Finishes the site in `dir` in place (see the crate docs).
pub fn finish(dir: &Path) -> Result<Report, String> {
    let mut report = Report::default();
    let mut all = Vec::new();
    walk(dir, &mut all).map_err(|e| format!("{}: {e}", dir.display()))?;
    for path in all
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        let rel = relative(dir, path);
        let depth = rel.matches('/').count();
        let html = fs::read_to_string(path).map_err(|e| format!("{rel}: {e}"))?;
        let page = finish_page(&html, &"../".repeat(depth)).map_err(|e| format!("{rel}: {e}"))?;
        for (name, js) in &page.loaders {
            let file = path.with_file_name(name);
            fs::write(&file, js).map_err(|e| format!("{}: {e}", file.display()))?;
            report.loaders += 1;
        }
        fs::write(path, page.html).map_err(|e| format!("{rel}: {e}"))?;
        report.pages += 1;
    }
    let sw_path = dir.join(SW_FILE);
    let sw = fs::read_to_string(&sw_path).map_err(|e| format!("{SW_FILE}: {e}"))?;
    // The worker's own code counts too: a new worker is a new cache.
    let mut entries: Vec<(String, Vec<u8>)> = vec![(SW_FILE.to_string(), sw.as_bytes().to_vec())];
    let mut files = Vec::new();
    walk(dir, &mut files).map_err(|e| format!("{}: {e}", dir.display()))?;
    for f in files {
        let rel = relative(dir, &f);
        if rel == SW_FILE {
            continue;
        }
        let bytes = fs::read(&f).map_err(|e| format!("{rel}: {e}"))?;
        entries.push((rel, bytes));
    }
    entries.sort();
    let version = version(&entries);
    let names: Vec<&str> = entries
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| *n != SW_FILE)
        .collect();
    let sw = fill_service_worker(&sw, &version, &names)?;
    fs::write(&sw_path, sw).map_err(|e| format!("{SW_FILE}: {e}"))?;
    report.files = names.len();
    report.version = version;
    Ok(report)
}

/// One document after [`finish_page`]: its HTML and the loader files it now
/// refers to (name, contents).
#[derive(Debug)]
pub struct Page {
    pub html: String,
    pub loaders: Vec<(String, String)>,
}

/// Moves inline module scripts to files, refuses other inline scripts and
/// style elements, and adds the policy and the service worker's name
/// (`root` is the way from the document to the site's root, e.g. `../`).
pub fn finish_page(html: &str, root: &str) -> Result<Page, String> {
    let lower = html.to_ascii_lowercase();
    if let Some(at) = find_tag(&lower, "style", 0) {
        return Err(format!(
            "line {}: a <style> element (the policy allows style sheets from the site only: move it to a .css file)",
            line_of(html, at)
        ));
    }
    let mut out = String::with_capacity(html.len() + 512);
    let mut loaders = Vec::new();
    let mut pos = 0;
    while let Some(start) = find_tag(&lower, "script", pos) {
        let open_end = lower[start..]
            .find('>')
            .map(|i| start + i + 1)
            .ok_or_else(|| format!("line {}: unclosed <script", line_of(html, start)))?;
        let close = lower[open_end..]
            .find("</script>")
            .map(|i| open_end + i)
            .ok_or_else(|| format!("line {}: <script> without </script>", line_of(html, start)))?;
        let attrs = &lower[start + "<script".len()..open_end - 1];
        let body = &html[open_end..close];
        out.push_str(&html[pos..start]);
        if has_attr(attrs, "src") || is_data_type(attrs) {
            out.push_str(&html[start..close + "</script>".len()]);
        } else if attrs.contains("type=\"module\"") || attrs.contains("type=module") {
            let name = format!("loader-{}.js", &hex64(fnv1a(body.as_bytes()))[..12]);
            write!(out, r#"<script type="module" src="./{name}"></script>"#).ok();
            loaders.push((name, body.trim().to_string() + "\n"));
        } else if body.trim().is_empty() {
            // An empty inline script runs nothing: drop it.
        } else {
            return Err(format!(
                "line {}: an inline <script> (the policy runs scripts from the site only: move it to a .js file)",
                line_of(html, start)
            ));
        }
        pos = close + "</script>".len();
    }
    out.push_str(&html[pos..]);

    if !lower.contains("http-equiv=\"content-security-policy\"") {
        let metas = format!(
            "\n  <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n  \
             <meta name=\"dpm-service-worker\" content=\"{root}{SW_FILE}\">"
        );
        let at =
            head_insert_point(&out).ok_or("no <head> (or <meta charset>) to put the policy in")?;
        out.insert_str(at, &metas);
    }
    Ok(Page { html: out, loaders })
}

/// Just after `<meta charset…>` if there is one, else just after `<head>`.
fn head_insert_point(html: &str) -> Option<usize> {
    let lower = html.to_ascii_lowercase();
    if let Some(m) = lower.find("<meta charset") {
        return lower[m..].find('>').map(|i| m + i + 1);
    }
    let h = find_tag(&lower, "head", 0)?;
    lower[h..].find('>').map(|i| h + i + 1)
}

/// The next `<tag` (followed by `>` or white space) at or after `from`.
fn find_tag(lower: &str, tag: &str, from: usize) -> Option<usize> {
    let needle = format!("<{tag}");
    let mut i = from;
    while let Some(k) = lower[i..].find(&needle) {
        let at = i + k;
        let next = lower[at + needle.len()..].chars().next();
        if matches!(next, Some('>' | ' ' | '\n' | '\t' | '\r' | '/')) {
            return Some(at);
        }
        i = at + needle.len();
    }
    None
}

fn has_attr(attrs: &str, name: &str) -> bool {
    attrs
        .split(|c: char| c.is_whitespace())
        .any(|a| a == name || a.starts_with(&format!("{name}=")))
}

/// `<script type="application/json">` and the like hold data, not code.
fn is_data_type(attrs: &str) -> bool {
    attrs.contains("type=\"application/json\"") || attrs.contains("type=\"application/ld+json\"")
}

fn line_of(s: &str, at: usize) -> usize {
    s[..at].matches('\n').count() + 1
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn relative(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The cache version: a hash of every file's path and contents.
pub fn version(entries: &[(String, Vec<u8>)]) -> String {
    let mut h = FNV_OFFSET;
    for (name, bytes) in entries {
        h = fnv1a_from(h, name.as_bytes());
        h = fnv1a_from(h, &[0]);
        h = fnv1a_from(h, bytes);
        h = fnv1a_from(h, &[0]);
    }
    hex64(h)
}

/// www/sw.js with the build's version and files (the root `./` first, so a
/// visit to the folder itself is answered offline too).
pub fn fill_service_worker(sw: &str, version: &str, files: &[&str]) -> Result<String, String> {
    if !sw.contains(SW_MARKER) {
        return Err(format!(
            "{SW_FILE}: the line `{SW_MARKER}` to fill in is missing"
        ));
    }
    let mut list = String::from("\"./\"");
    for f in files {
        list.push_str(", ");
        list.push_str(&json_string(f));
    }
    let build = format!(
        "const BUILD = {{ version: {}, files: [{list}] }};",
        json_string(version)
    );
    Ok(sw.replacen(SW_MARKER, &build, 1))
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                write!(out, "\\u{:04x}", c as u32).ok();
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// FNV-1a, 64 bit: a cache key and a file name, not security, so a few lines
// here rather than a hashing crate (and stable across Rust versions, which
// std's `DefaultHasher` is not promised to be).
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_from(FNV_OFFSET, bytes)
}

fn fnv1a_from(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn hex64(h: u64) -> String {
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>t</title>\n\
        <script src=\"./page.js\" defer></script>\n\
        <script type=\"module\">\nimport init from './x.js';\nawait init();\n</script>\n\
        <noscript><link rel=\"stylesheet\" href=\"noscript.css\"></noscript>\n</head>\n<body></body>\n</html>\n";

    #[test]
    fn moves_the_loader_out_and_adds_the_policy_first() {
        let page = finish_page(PAGE, "").unwrap();
        assert_eq!(page.loaders.len(), 1);
        let (name, js) = &page.loaders[0];
        assert!(
            name.starts_with("loader-") && name.ends_with(".js"),
            "{name}"
        );
        assert_eq!(js, "import init from './x.js';\nawait init();\n");
        assert!(page.html.contains(&format!(
            "<script type=\"module\" src=\"./{name}\"></script>"
        )));
        assert!(!page.html.contains("await init"));
        let csp = page.html.find("Content-Security-Policy").unwrap();
        assert!(csp < page.html.find("<title>").unwrap());
        assert!(page
            .html
            .contains(r#"<meta name="dpm-service-worker" content="sw.js">"#));
        // The external script is kept as it was.
        assert!(page
            .html
            .contains("<script src=\"./page.js\" defer></script>"));
    }

    #[test]
    fn a_nested_page_names_the_worker_at_the_root() {
        let page = finish_page(PAGE, "../").unwrap();
        assert!(page.html.contains(r#"content="../sw.js""#));
    }

    #[test]
    fn refuses_inline_code_and_style() {
        let inline = PAGE.replace(
            "<title>t</title>",
            "<title>t</title><script>alert(1)</script>",
        );
        assert!(finish_page(&inline, "")
            .unwrap_err()
            .contains("inline <script>"));
        let style = PAGE.replace("<title>t</title>", "<title>t</title>\n<style>p{}</style>");
        assert!(finish_page(&style, "").unwrap_err().contains("line 6"));
        // Data blocks and empty scripts are no code.
        let data = PAGE.replace(
            "<title>t</title>",
            "<script type=\"application/json\">{}</script><script></script>",
        );
        assert!(finish_page(&data, "").is_ok());
    }

    #[test]
    fn policy_is_at_least_the_issues() {
        for part in [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval';",
            "style-src 'self';",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ] {
            assert!(CSP.contains(part), "{part}");
        }
        assert!(!CSP.contains("unsafe-eval'") || CSP.contains("'wasm-unsafe-eval'"));
        assert!(!CSP
            .replace("style-src-attr 'unsafe-inline'", "")
            .contains("unsafe-inline"));
    }

    #[test]
    fn the_version_follows_every_byte_and_name() {
        let a = vec![("a.js".to_string(), b"x".to_vec())];
        let b = vec![("a.js".to_string(), b"y".to_vec())];
        let c = vec![("b.js".to_string(), b"x".to_vec())];
        assert_ne!(version(&a), version(&b));
        assert_ne!(version(&a), version(&c));
        assert_eq!(version(&a), version(&a.clone()));
    }

    #[test]
    fn fills_the_worker() {
        let sw = format!("// top\n{SW_MARKER}\nself.x = 1;\n");
        let out = fill_service_worker(&sw, "abc", &["index.html", "katex/a \"b\".woff2"]).unwrap();
        assert!(out.contains(
            r#"const BUILD = { version: "abc", files: ["./", "index.html", "katex/a \"b\".woff2"] };"#
        ));
        assert!(fill_service_worker("nothing", "abc", &[]).is_err());
    }
}
