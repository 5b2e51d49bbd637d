//! A figure's words and numbers as text: the caller's translations, their
//! placeholders, and numbers printed as the figures print them.

/// A figure's words: the caller's text for a key such as `"c2.title"`, in
/// its language. Templates may hold `{name}` placeholders the builders fill.
pub type Words<'w> = &'w dyn Fn(&str) -> String;

/// `template` with each `{name}` replaced by its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A number with `decimals` digits and a real minus sign.
pub fn num(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("\u{2212}{s}")
    } else {
        s
    }
}

/// `text` with digits and minus signs as Unicode superscripts (`2⁻²⁰`).
pub fn superscript(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            '9' => '⁹',
            '-' | '\u{2212}' => '⁻',
            c => c,
        })
        .collect()
}

/// A number with up to `decimals` digits, trailing zeros dropped (0.6, 0.0036).
pub fn short(v: f64, decimals: usize) -> String {
    let s = num(v, decimals);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// The lines of the text for `key`, empty ones dropped.
pub(super) fn lines(w: Words<'_>, key: &str) -> Vec<String> {
    w(key)
        .split('\n')
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}
