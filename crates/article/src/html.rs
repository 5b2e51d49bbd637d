//! The little HTML handling the builder needs: escaping and reading attributes
//! out of raw HTML written in the markdown.

/// Escapes text for element content and double-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Values of attribute `name` (quoted with `"` or `'`) in `html`, each with the
/// byte offset where the value starts. `name` must follow whitespace, so `id`
/// does not match `data-id`.
pub fn attr_values<'a>(html: &'a str, name: &str) -> Vec<(&'a str, usize)> {
    let bytes = html.as_bytes();
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = lower[from..].find(name) {
        let start = from + found;
        from = start + name.len();
        if start == 0 || !bytes[start - 1].is_ascii_whitespace() {
            continue;
        }
        let mut i = from;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] != b'=' {
            continue;
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= bytes.len() || (bytes[i] != b'"' && bytes[i] != b'\'') {
            continue;
        }
        let quote = bytes[i] as char;
        let value_start = i + 1;
        if let Some(len) = html[value_start..].find(quote) {
            out.push((&html[value_start..value_start + len], value_start));
            from = value_start + len;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attr_values_finds_quoted_values_but_not_suffix_matches() {
        let html = r#"<a id="dpm" data-id="no" href='#ddpm'>x</a><b ID = "up">"#;
        let ids: Vec<&str> = attr_values(html, "id").into_iter().map(|v| v.0).collect();
        assert_eq!(ids, ["dpm", "up"]);
        assert_eq!(attr_values(html, "href")[0].0, "#ddpm");
    }
}
