//! Formulas → MathML with KaTeX 0.16.4 (the `katex` crate, QuickJS backend).
//!
//! One formula takes about 4 ms, and a page has several hundred in each
//! language, so distinct formulas are rendered once each, on all cores.
//!
//! MathML alone, not KaTeX's HTML (+ MathML for screen readers): measured on
//! the built English document, the formulas as HTML + MathML were 34,600 of
//! its 40,000 elements (HTML 22,300, MathML 12,300); MathML alone brings the
//! document to about 18,000, and it is what screen readers read, so nothing
//! is lost for them. Chromium (109+) and Firefox lay MathML out natively
//! (MathML Core) with the reader's math font (www/style.css names the usual
//! ones). KaTeX's MathML leaves two gaps this module fills: `\tag{…}` in an
//! `align` row is an empty cell (KaTeX numbers it with a CSS counter of its
//! own stylesheet) and colours are named CSS colours.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::thread;

/// Rendered formulas keyed by `(tex, display)`; a KaTeX error is kept as its message.
#[derive(Debug, Default)]
pub struct Rendered {
    map: HashMap<(String, bool), Result<Formula, String>>,
}

/// One formula in its two forms.
#[derive(Debug, Clone)]
pub struct Formula {
    /// In the documents: MathML (light, read by screen readers, laid out by
    /// the browser without any script).
    pub mathml: String,
    /// KaTeX's own HTML (`output: html`), which `www/formulas.js` puts in
    /// place of the MathML when the formula's panel opens: the typesetting
    /// the article is read in, without its weight at load.
    pub html: String,
    /// Its place in `formulas.json` (the `data-f` of its `<math>`).
    pub index: usize,
    /// Its height in KaTeX's em: the tallest strut of its HTML.
    pub height: Option<f32>,
}

impl Rendered {
    /// MathML of a formula, with `data-f` naming its KaTeX HTML in
    /// [`Rendered::html_table`]; a failed or missing one renders as its
    /// escaped source (the build has already failed on it by then).
    pub fn get(&self, tex: &str, display: bool) -> String {
        match self.formula(tex, display) {
            Some(f) => f
                .mathml
                .replacen("<math", &format!("<math data-f=\"{}\"", f.index), 1),
            None => crate::html::escape(tex),
        }
    }

    /// The typeset height of a formula in KaTeX's em, if known: what a
    /// display formula's placeholder is sized by while it is skipped (so the
    /// browser renders the formulas truly near the viewport, not every one
    /// that a too-small placeholder lets in at once).
    pub fn height(&self, tex: &str, display: bool) -> Option<f32> {
        self.formula(tex, display)?.height
    }

    /// A formula KaTeX rendered.
    fn formula(&self, tex: &str, display: bool) -> Option<&Formula> {
        self.map.get(&(tex.to_string(), display))?.as_ref().ok()
    }

    /// Every formula's KaTeX HTML, by index, as the JSON array `www/formulas.js`
    /// loads (`formulas.json` beside the documents).
    pub fn html_table(&self) -> String {
        let mut table = vec![String::new(); self.map.len()];
        for f in self.map.values().flatten() {
            table[f.index] = f.html.clone();
        }
        serde_json::to_string(&table).expect("strings serialise")
    }

    pub fn error(&self, tex: &str, display: bool) -> Option<&str> {
        match self.map.get(&(tex.to_string(), display)) {
            Some(Err(e)) => Some(e),
            _ => None,
        }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Renders every distinct formula once, spread over the available cores.
pub fn render_all<'a>(formulas: impl IntoIterator<Item = (&'a str, bool)>) -> Rendered {
    let mut unique: Vec<(String, bool)> = formulas
        .into_iter()
        .map(|(t, d)| (t.to_string(), d))
        .collect();
    unique.sort();
    unique.dedup();

    let workers = thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(unique.len().div_ceil(16).max(1));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Formula, String>>>> = Mutex::new(vec![None; unique.len()]);
    thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                // Each thread owns a KaTeX engine (thread-local in the katex crate).
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((tex, display)) = unique.get(i) else {
                    break;
                };
                let html = render_one(tex, *display).and_then(|mathml| {
                    let html = render_html(tex, *display)?;
                    Ok(Formula {
                        mathml,
                        height: strut_height(&html),
                        html,
                        index: i,
                    })
                });
                results.lock().expect("no panics while holding the lock")[i] = Some(html);
            });
        }
    });
    let results = results.into_inner().expect("threads joined");
    let map = unique
        .into_iter()
        .zip(results)
        .map(|(k, v)| (k, v.expect("every formula rendered")))
        .collect();
    Rendered { map }
}

/// MathML (see the module comment for why). `throw_on_error` turns any formula KaTeX
/// rejects into a build error instead of red text on the page. KaTeX's `strict`
/// option is not exposed by the crate; its default `warn` only logs (and the
/// QuickJS context has no console), so CJK inside `\text{}` renders as it should.
pub fn render_one(tex: &str, display: bool) -> Result<String, String> {
    render(tex, display, katex::OutputType::Mathml)
        .map(|html| even_glue_rows(&fill_row_tags(&plot_colours(&without_source(&html)), tex)))
}

/// KaTeX's HTML of a formula (no MathML: the document already has it), with
/// the plot colours pointed at the page's variables.
pub fn render_html(tex: &str, display: bool) -> Result<String, String> {
    let mut html = render(tex, display, katex::OutputType::Html)?;
    for name in ["blue", "orange", "green", "red"] {
        html = html.replace(
            &format!("color:{name};"),
            &format!("color:var(--c-{name});"),
        );
    }
    Ok(html)
}

/// The height of KaTeX's HTML in its em: the tallest of its struts (KaTeX
/// gives each line's base a strut as tall as the line's height plus depth).
/// A scan of KaTeX's own markup, not an HTML parser: the attribute is always
/// written `class="strut" style="height:…em;`.
fn strut_height(html: &str) -> Option<f32> {
    const STRUT: &str = "class=\"strut\" style=\"height:";
    html.match_indices(STRUT)
        .filter_map(|(at, _)| {
            let rest = &html[at + STRUT.len()..];
            rest[..rest.find("em")?].parse::<f32>().ok()
        })
        .reduce(f32::max)
}

/// KaTeX's `output` of `tex`; a formula it rejects is an error (no red text),
/// and no `\href` or `\url` is trusted.
fn render(tex: &str, display: bool, output: katex::OutputType) -> Result<String, String> {
    let opts = katex::Opts::builder()
        .display_mode(display)
        .output_type(output)
        .throw_on_error(true)
        .trust(false)
        .build()
        .map_err(|e| e.to_string())?;
    katex::render_with_opts(tex, &opts).map_err(|e| clean_error(&e.to_string()))
}

/// `\textcolor{blue}{…}` names a plot colour, and the plots use matplotlib's
/// "tab" shades, not CSS's pure `blue`: point KaTeX's colours at the page's
/// colour variables (`--c-blue`, … in www/style.css), which hold them.
fn plot_colours(html: &str) -> String {
    let mut out = html.to_string();
    for name in ["blue", "orange", "green", "red"] {
        out = out.replace(
            &format!("mathcolor=\"{name}\""),
            &format!("style=\"color:var(--c-{name})\""),
        );
    }
    out
}

/// KaTeX wraps the MathML in `<semantics>` with the TeX source as an
/// `<annotation>`: a seventh of the document's bytes, two elements per
/// formula, read by no screen reader and shown by no browser. Drops both.
fn without_source(html: &str) -> String {
    const OPEN: &str = "<semantics>";
    const ANNOTATION: &str = "<annotation encoding=\"application/x-tex\">";
    const CLOSE: &str = "</annotation></semantics>";
    let (Some(open), Some(ann), Some(close)) =
        (html.find(OPEN), html.rfind(ANNOTATION), html.rfind(CLOSE))
    else {
        return html.to_string();
    };
    if !(open < ann && ann < close) {
        return html.to_string();
    }
    format!(
        "{}{}{}",
        &html[..open],
        &html[open + OPEN.len()..ann],
        &html[close + CLOSE.len()..]
    )
}

/// In an `align` with a `\tag`, KaTeX puts the centring glue cells
/// (`mtr-glue`) and the number's cell around the tagged rows only, so the
/// other rows' columns are one off. Gives every row of such a table the same
/// cells (an empty number cell where there is no tag), so columns line up.
fn even_glue_rows(html: &str) -> String {
    const GLUE: &str = "<mtd class =\"mtr-glue\"></mtd>";
    const NUM: &str = "<mtd class =\"mml-eqn-num\"></mtd>";
    if !html.contains(GLUE) || html.matches("<mtable").count() != 1 {
        // Nothing to even out, or a nested table: rows are not told apart here.
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(at) = rest.find("<mtr>") {
        let row_start = at + "<mtr>".len();
        out.push_str(&rest[..row_start]);
        let Some(len) = rest[row_start..].find("</mtr>") else {
            break;
        };
        let row = &rest[row_start..row_start + len];
        if row.starts_with(GLUE) {
            out.push_str(row);
        } else {
            out.push_str(GLUE);
            out.push_str(row);
            out.push_str(GLUE);
            out.push_str(NUM);
        }
        rest = &rest[row_start + len..];
    }
    out.push_str(rest);
    out
}

/// KaTeX writes an `align` row's equation number as an empty
/// `<mtd class ="mml-eqn-num">` (its own CSS counts them): put each row's
/// `\tag{…}` label there, in order, so the number is in the MathML that is
/// shown and read. Left as it is when the counts differ.
fn fill_row_tags(html: &str, tex: &str) -> String {
    const EMPTY: &str = "<mtd class =\"mml-eqn-num\"></mtd>";
    let labels = tags(tex);
    if html.matches(EMPTY).count() != labels.len() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 64 * labels.len());
    let mut rest = html;
    for (label, _) in &labels {
        let at = rest.find(EMPTY).expect("counted above");
        out.push_str(&rest[..at]);
        out.push_str(&format!(
            "<mtd class=\"mml-eqn-num\"><mtext>({})</mtext></mtd>",
            crate::html::escape(label)
        ));
        rest = &rest[at + EMPTY.len()..];
    }
    out.push_str(rest);
    out
}

/// The crate wraps KaTeX's message as `failed to execute js (detail: String("…"))`
/// in Debug form; keep KaTeX's own words.
fn clean_error(message: &str) -> String {
    let m = message.trim();
    let m = match m.find("KaTeX parse error: ") {
        Some(at) => &m[at + "KaTeX parse error: ".len()..],
        None => m,
    };
    let m = m.strip_suffix("\"))").unwrap_or(m);
    m.replace("\\u{332}", "")
        .replace("\\\\", "\\")
        .replace("\\\"", "\"")
}

/// Labels of `\tag{…}` and `\tag*{…}` in a formula, whitespace-normalised.
pub fn tags(tex: &str) -> Vec<(String, usize)> {
    let bytes = tex.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = tex[from..].find("\\tag") {
        let at = from + found;
        let mut i = at + 4;
        from = i;
        if i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            continue; // another command, e.g. \tagged
        }
        if i < bytes.len() && bytes[i] == b'*' {
            i += 1;
        }
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let label = if i < bytes.len() && bytes[i] == b'{' {
            let mut depth = 0usize;
            let mut end = None;
            for (j, &b) in bytes.iter().enumerate().skip(i) {
                match b {
                    b'{' => depth += 1,
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(j);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            match end {
                Some(end) => {
                    from = end + 1;
                    &tex[i + 1..end]
                }
                None => &tex[i + 1..],
            }
        } else {
            // `\tag 3`: a single token
            tex[i..]
                .chars()
                .next()
                .map_or("", |c| &tex[i..i + c.len_utf8()])
        };
        out.push((label.split_whitespace().collect::<Vec<_>>().join(" "), at));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_read_with_nested_braces_and_stars() {
        let found: Vec<String> = tags(r"a \tag{3.4} \\ b \tag*{ {A}.1 } \notag \tagged")
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(found, ["3.4", "{A}.1"]);
    }

    #[test]
    fn katex_renders_align_tags_braces_colours_and_cjk_text() {
        let tex = r"\begin{align} q(x|z) &= \underbrace{a}_{\text{GaussFun}} \overbrace{b}^{\text{高斯}} \textcolor{blue}{c} \tag{3.4} \\ d &= e \notag \end{align}";
        let html = render_one(tex, true).expect("renders");
        assert!(
            html.contains("<mtd class=\"mml-eqn-num\"><mtext>(3.4)</mtext></mtd>"),
            "{html}"
        );
        assert!(html.contains("<math"), "MathML, which screen readers read");
        assert!(!html.contains("katex-html"), "no second, visual copy");
        assert!(!html.contains("<semantics>") && !html.contains("<annotation"));
        assert!(html.ends_with("</math></span>"), "{html}");
        assert!(
            html.contains("style=\"color:var(--c-blue)\""),
            "plot colours"
        );
        assert!(html.contains("高斯"));
        let err = render_one(r"\frac{a}", false).unwrap_err();
        assert!(err.starts_with("Unexpected end of input"), "{err}");
        assert!(
            render_one(r"x \tag{1}", false).is_err(),
            "\\tag needs display mode"
        );
    }

    #[test]
    fn a_formula_height_is_its_tallest_strut() {
        let one_line = render_html(r"x = 1", true).unwrap();
        let two_lines = render_html(
            r"\begin{align} a &= b \newline c &= \frac{d}{e} \end{align}",
            true,
        )
        .unwrap();
        let (h1, h2) = (
            strut_height(&one_line).unwrap(),
            strut_height(&two_lines).unwrap(),
        );
        assert!((0.5..1.5).contains(&h1), "{h1}");
        assert!(h2 > 2.0 * h1, "{h1} {h2}");
        assert_eq!(strut_height("<span>no struts</span>"), None);
        let r = render_all([(r"x = 1", true)]);
        assert_eq!(r.height(r"x = 1", true), Some(h1));
        assert_eq!(r.height(r"y", true), None);
    }
}
