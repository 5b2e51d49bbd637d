//! The article's figures, in both languages.
//!
//! Figures 1 and 7.1 are diagrams drawn here as SVG. The others (C.1, C.2,
//! D.1-D.5) are computed: the engine's `figures` module gives their numbers,
//! the charts' `figures` builders lay them out, and they are written into
//! the page as inline SVG at build time, so each is exact, sharp, printable
//! and there with JavaScript off. The wasm front end (`crates/web`, module
//! `figures`) then lets the reader change the natural parameters (alpha in
//! C.2 and D.4, z in D.4, a new random pair in C.1); it reads this figure's
//! words and parameters from the `data-words` and `data-params` attributes
//! written here. Their parameters, numbers, panels and words come from the
//! `dpm-figures` crate, which the page and `dpm figure` use as well.
//!
//! Every figure carries its numbered caption in both languages (`lang`
//! attributes; the page's CSS shows the current one) and a text
//! alternative: each panel is an `<svg role="img">` with a `<title>` and a
//! `<desc>` holding its numbers.

use crate::html::escape;
use dpm_charts::figures as cf;
use dpm_engine::figures as ef;
use dpm_figures::{compute, draw, panels, word, word_keys, Computed, Lang, Params, RenderedPanel};
use dpm_figures::{C1_SEED, C2_ALPHAS, C2_SEED};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

pub use dpm_figures::{is_known, FIGURES, LIVE};

/// The default figures' numbers, computed once per build (both languages
/// draw from them).
fn default_computed(id: &str) -> Result<Arc<Computed>, String> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Computed>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(c) = cache.lock().ok().and_then(|m| m.get(id).cloned()) {
        return Ok(c);
    }
    let c = Arc::new(compute(id, &Params::default())?);
    if let Ok(mut m) = cache.lock() {
        m.insert(id.to_string(), Arc::clone(&c));
    }
    Ok(c)
}

/// The figure's words in `lang`, as a JSON object (for the page's controls).
fn words_json(id: &str, lang: Lang) -> String {
    let json_string = |s: &str| serde_json::Value::from(s).to_string();
    let keys: Vec<String> = word_keys(id)
        .map(|k| format!("{}:{}", json_string(k), json_string(&word(lang, k))))
        .collect();
    format!("{{{}}}", keys.join(","))
}

/// The figure's default parameters as a JSON object (for the page's controls).
fn params_json(id: &str) -> String {
    match id {
        "fig_c1" => format!("{{\"seed\":{C1_SEED}}}"),
        "fig_c2" => format!(
            "{{\"seed\":{C2_SEED},\"alpha\":{},\"alpha_b\":{}}}",
            C2_ALPHAS[0], C2_ALPHAS[1]
        ),
        "fig_d4" => format!(
            "{{\"alpha\":{},\"beta\":{},\"z\":{},\"z_b\":{}}}",
            ef::D4_ALPHA,
            ef::D4_GENERAL.1,
            ef::D4_Z[0],
            ef::D4_Z[1]
        ),
        _ => "{}".into(),
    }
}

/// A panel's SVG made inline: the root takes a class, `role="img"`, a
/// `<title>` and a `<desc>` (ids unique per figure, panel and language), and
/// loses its fixed size so CSS can scale it.
fn inline_svg(p: &RenderedPanel, id_base: &str) -> String {
    let body = match p.svg.find("<svg") {
        Some(start) => &p.svg[start..],
        None => &p.svg,
    };
    let open_end = body.find('>').map_or(0, |i| i + 1);
    let (w, h) = p.size;
    format!(
        "<svg class=\"fig-svg\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\" \
         role=\"img\" aria-labelledby=\"{id_base}-t {id_base}-d\">\
         <title id=\"{id_base}-t\">{}</title><desc id=\"{id_base}-d\">{}</desc>{}",
        escape(&p.title),
        escape(&p.desc),
        &body[open_end..]
    )
}

fn caption(number: &str, en: &str, zh: &str) -> String {
    format!(
        "<figcaption><span lang=\"en\"><span class=\"fig-no\">Figure {number}:</span> {en}</span>\
         <span lang=\"zh\"><span class=\"fig-no\">图 {number}：</span>{zh}</span></figcaption>"
    )
}

/// The figure's HTML for the body in language `lang`.
pub fn html(id: &str, lang: Lang) -> Option<String> {
    let &(id, number, en, zh) = FIGURES.iter().find(|f| f.0 == id)?;
    let caption = caption(number, en, zh);
    Some(match id {
        "fig_1" => format!(
            "<figure class=\"figure diagram\" data-figure=\"{id}\"><div class=\"figure-scroll\">{}</div>{caption}</figure>",
            chain_svg(lang)
        ),
        "fig_7_1" => format!(
            "<figure class=\"figure diagram\" data-figure=\"{id}\"><div class=\"figure-scroll\">{}</div>{caption}</figure>",
            mcmc_svg(lang)
        ),
        _ => live_html(id, lang, &caption),
    })
}

fn live_html(id: &str, lang: Lang, caption: &str) -> String {
    let sfx = lang.code();
    let drawn = default_computed(id).and_then(|c| {
        let w = |k: &str| word(lang, k);
        draw(&panels(&c, &w))
    });
    let panels_html = match drawn {
        Ok(panels) => panels
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let wide = if p.size.0 >= cf::TERMS_SIZE.0 {
                    " wide"
                } else {
                    ""
                };
                format!(
                    "<div class=\"fig-panel{wide}\" data-panel=\"{k}\" style=\"--w:{};--h:{}\">{}</div>",
                    p.size.0,
                    p.size.1,
                    inline_svg(p, &format!("{id}-{k}-{sfx}"))
                )
            })
            .collect::<String>(),
        // Unreachable with the defaults (the tests draw every figure); if it
        // ever happens the page still builds and says what is missing.
        Err(e) => format!("<p class=\"figure-pending\">{}</p>", escape(&e)),
    };
    format!(
        "<figure class=\"figure live-figure\" data-figure=\"{id}\" data-lang=\"{sfx}\" \
         data-params=\"{}\" data-words=\"{}\"><div class=\"fig-panels\">{panels_html}</div>{caption}</figure>",
        escape(&params_json(id)),
        escape(&words_json(id, lang))
    )
}

/// Figure 7.1: sampling by MCMC. Repeated posterior transforms with a large
/// noise (alpha) carry any start to the stationary distribution, close to
/// q(x); each large-noise transform is carried out as T small ones whose
/// alphas multiply to alpha (eq. 4.8), each easy to fit with a Gaussian.
fn mcmc_svg(lang: Lang) -> String {
    let sfx = lang.code();
    let tr = |en: &'static str, zh: &'static str| match lang {
        Lang::En => en,
        Lang::Zh => zh,
    };
    let mut s = format!(
        "<svg class=\"mcmc\" viewBox=\"0 0 900 350\" role=\"img\" aria-labelledby=\"fig71-title-{sfx} fig71-desc-{sfx}\">\
         <title id=\"fig71-title-{sfx}\">{}</title><desc id=\"fig71-desc-{sfx}\">{}</desc><defs>\
         <marker id=\"fig71-head-{sfx}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">\
         <path class=\"head\" d=\"M0 0 L10 5 L0 10 z\"/></marker></defs>",
        tr("Markov chain Monte Carlo sampling with posterior transforms", "用后验变换进行马尔可夫链蒙特卡洛采样"),
        tr(
            "A chain of samples x0, x1, x2 up to xn. Each arrow between two samples is one posterior transform with a large noise alpha; after many of them the samples follow the stationary distribution, close to q(x). Below, one such transform is opened up: starting from zT equal to the current sample, T small posterior steps p(z t−1 | z t) with alphas alpha T down to alpha 1 lead to the next sample; alpha is the product of alpha 1 to alpha T.",
            "样本链 x0、x1、x2 直到 xn。相邻样本之间的每个箭头都是一次噪声较大（alpha）的后验变换；经过多次变换后，样本服从平稳分布，它接近 q(x)。下方展开了其中一次变换：令 zT 等于当前样本，依次经过 T 个小步后验 p(z t−1 | z t)（alpha T 到 alpha 1），得到下一个样本；alpha 等于 alpha 1 到 alpha T 的乘积。",
        )
    );
    let arrow = |x1: f64, y1: f64, x2: f64, y2: f64, class: &str| {
        format!(
            "<path class=\"{class}\" d=\"M{x1:.1} {y1:.1} L{x2:.1} {y2:.1}\" marker-end=\"url(#fig71-head-{sfx})\"/>"
        )
    };
    s.push_str(&mcmc_samples(&arrow, &tr));
    s.push_str(&mcmc_small_steps(&arrow, &tr));
    s.push_str("</svg>");
    s
}

/// Draws an arrow from (x1, y1) to (x2, y2) with the given class.
type Arrow<'a> = dyn Fn(f64, f64, f64, f64, &str) -> String + 'a;
/// The figure's words in the page's language: `tr(en, zh)`.
type Tr<'a> = dyn Fn(&'static str, &'static str) -> &'static str + 'a;

/// Where an arrow between two nodes at `a` and `b` starts and ends: `start`
/// and `end` away from a labelled node, 22 from `⋯` (an empty label).
fn arrow_span((a, la): (f64, &str), (b, lb): (f64, &str), start: f64, end: f64) -> (f64, f64) {
    let x1 = a + if la.is_empty() { 22.0 } else { start };
    let x2 = b - if lb.is_empty() { 22.0 } else { end };
    (x1, x2)
}

/// A row of nodes at height `y`: a circle of radius `r` (class `class`)
/// with its label drawn by `label`, `label_dy` lower, or `⋯` where the label
/// is empty.
fn node_row(
    nodes: &[(f64, &str)],
    y: f64,
    r: f64,
    label_dy: f64,
    class: &str,
    label: fn(&str) -> String,
) -> String {
    let mut s = String::new();
    for &(x, text) in nodes {
        if text.is_empty() {
            s.push_str(&format!(
                "<text class=\"m dots\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">⋯</text>",
                y + 7.0
            ));
        } else {
            s.push_str(&format!(
                "<circle class=\"{class}\" cx=\"{x}\" cy=\"{y}\" r=\"{r}\"/>\
                 <text class=\"m node-label\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                y + label_dy,
                label(text)
            ));
        }
    }
    s
}

/// Figure 7.1's top row: samples and the large-noise transforms between them.
fn mcmc_samples(arrow: &Arrow<'_>, tr: &Tr<'_>) -> String {
    let mut s = String::new();
    let y = 86.0;
    let r = 25.0;
    let samples: [(f64, &str); 5] = [
        (60.0, "x^{(0)}"),
        (250.0, "x^{(1)}"),
        (440.0, "x^{(2)}"),
        (600.0, ""),
        (820.0, "x^{(n)}"),
    ];
    for pair in samples.windows(2) {
        let ((a, la), (_, lb)) = (pair[0], pair[1]);
        let (x1, x2) = arrow_span(pair[0], pair[1], r + 4.0, r + 6.0);
        let mid = (x1 + x2) / 2.0;
        s.push_str(&arrow(x1, y, x2, y, "step"));
        if !la.is_empty() && !lb.is_empty() || a > 500.0 {
            s.push_str(&format!(
                "<rect class=\"big\" x=\"{:.1}\" y=\"{:.1}\" width=\"56\" height=\"30\" rx=\"6\"/>\
                 <text class=\"m\" x=\"{mid:.1}\" y=\"{:.1}\" text-anchor=\"middle\"><tspan class=\"mi\">α</tspan></text>",
                mid - 28.0,
                y - 15.0,
                y + 6.0
            ));
        }
    }
    s.push_str(&node_row(&samples, y, r, 6.0, "node", sample_label));
    s.push_str(&format!(
        "<text class=\"note\" x=\"60\" y=\"38\" text-anchor=\"middle\">{}</text>\
         <text class=\"note\" x=\"820\" y=\"38\" text-anchor=\"middle\">{}</text>\
         <text class=\"m note\" x=\"820\" y=\"142\" text-anchor=\"middle\">≈ {}</text>\
         <text class=\"note lbl-big\" x=\"345\" y=\"40\" text-anchor=\"middle\">{}</text>",
        tr("any start", "任意初值"),
        tr("stationary", "平稳分布"),
        math_label("q(x)"),
        tr(
            "one posterior transform with a large noise α",
            "一次噪声较大的后验变换 α"
        ),
    ));
    s
}

/// Figure 7.1's lower part: one large-noise transform (between x^(1) and
/// x^(2)) opened up into T small posterior steps.
fn mcmc_small_steps(arrow: &Arrow<'_>, tr: &Tr<'_>) -> String {
    let mut s = String::new();
    let (bx0, bx1, by0, by1) = (40.0, 860.0, 190.0, 300.0);
    s.push_str(&format!(
        "<path class=\"zoom\" d=\"M317 101 L{bx0} {by0} M373 101 L{bx1} {by0}\"/>\
         <rect class=\"zoom-box\" x=\"{bx0}\" y=\"{by0}\" width=\"{}\" height=\"{}\" rx=\"10\"/>",
        bx1 - bx0,
        by1 - by0
    ));
    let yb = 240.0;
    let inner: [(f64, &str); 6] = [
        (115.0, "z_T"),
        (285.0, "z_{T−1}"),
        (430.0, ""),
        (565.0, "z_1"),
        (775.0, "x"),
        (0.0, ""),
    ];
    let small = ["α_T", "α_{T−1}", "", "α_1"];
    for (k, pair) in inner[..5].windows(2).enumerate() {
        let (x1, x2) = arrow_span(pair[0], pair[1], 28.0, 30.0);
        s.push_str(&arrow(x1, yb, x2, yb, "small"));
        if !small[k].is_empty() {
            s.push_str(&format!(
                "<text class=\"m lbl-small\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                (x1 + x2) / 2.0,
                yb - 10.0,
                math_label(small[k])
            ));
        }
    }
    s.push_str(&node_row(
        &inner[..5],
        yb,
        22.0,
        6.0,
        "node small-node",
        math_label,
    ));
    s.push_str(&format!(
        "<text class=\"note\" x=\"115\" y=\"{}\" text-anchor=\"middle\">= {}</text>\
         <text class=\"note\" x=\"775\" y=\"{}\" text-anchor=\"middle\">= {}</text>\
         <text class=\"note lbl-small\" x=\"450\" y=\"{}\" text-anchor=\"middle\">{}</text>\
         <text class=\"m note\" x=\"450\" y=\"334\" text-anchor=\"middle\">{}</text>",
        yb + 46.0,
        sample_label("x^{(1)}"),
        yb + 46.0,
        sample_label("x^{(2)}"),
        by0 + 20.0,
        tr(
            "small steps: posteriors p(zₜ₋₁|zₜ) with little noise, each close to a Gaussian",
            "小步：噪声很小的后验 p(zₜ₋₁|zₜ)，每一步都接近高斯分布"
        ),
        alpha_product(),
    ));
    s
}

/// `x^{(k)}` as an italic x with an upright superscript.
fn sample_label(label: &str) -> String {
    match label.split_once("^{") {
        Some((base, sup)) => format!(
            "{}<tspan class=\"sup\" baseline-shift=\"super\" font-size=\"66%\">{}</tspan>",
            math_label(base),
            escape(sup.trim_end_matches('}'))
        ),
        None => math_label(label),
    }
}

fn alpha_product() -> String {
    format!(
        "{} = {}{} ⋯ {} (4.8)",
        math_label("α"),
        math_label("α_1"),
        math_label("α_2"),
        math_label("α_T")
    )
}

/// Italic letters, upright digits and `_x` / `_{…}` subscripts, as SVG tspans.
fn math_label(src: &str) -> String {
    fn run(out: &mut String, s: &str) {
        let mut letters = String::new();
        let flush = |out: &mut String, letters: &mut String| {
            if !letters.is_empty() {
                out.push_str(&format!("<tspan class=\"mi\">{}</tspan>", escape(letters)));
                letters.clear();
            }
        };
        for c in s.chars() {
            if c.is_ascii_alphabetic() || ('α'..='ω').contains(&c) {
                letters.push(c);
            } else {
                flush(out, &mut letters);
                out.push_str(&escape(&c.to_string()));
            }
        }
        flush(out, &mut letters);
    }
    let mut out = String::new();
    let mut rest = src;
    while let Some(pos) = rest.find('_') {
        run(&mut out, &rest[..pos]);
        let after = &rest[pos + 1..];
        let (sub, tail) = if let Some(inner) = after.strip_prefix('{') {
            let end = inner.find('}').unwrap_or(inner.len());
            (&inner[..end], inner.get(end + 1..).unwrap_or(""))
        } else {
            let n = after.chars().next().map_or(0, char::len_utf8);
            (&after[..n], &after[n..])
        };
        let mut inner = String::new();
        run(&mut inner, sub);
        out.push_str(&format!(
            "<tspan class=\"sub\" baseline-shift=\"sub\" font-size=\"72%\">{inner}</tspan>"
        ));
        rest = tail;
    }
    run(&mut out, rest);
    out
}

/// Figure 1: the chain X → Z_1 → … → Z_T with the forward transforms above and
/// the posteriors and the fitted model below.
fn chain_svg(lang: Lang) -> String {
    let sfx = lang.code();
    let y = 118.0_f64;
    let r = 27.0_f64;
    // (centre x, label); an empty label marks an ellipsis between nodes.
    let nodes: [(f64, &str); 7] = [
        (70.0, "X"),
        (200.0, "Z_1"),
        (300.0, ""),
        (405.0, "Z_{t−1}"),
        (615.0, "Z_t"),
        (720.0, ""),
        (820.0, "Z_T"),
    ];
    let mut s = String::new();
    s.push_str(&format!(
        "<svg class=\"chain\" viewBox=\"0 0 890 302\" role=\"img\" aria-labelledby=\"fig1-title-{sfx}\">\
         <title id=\"fig1-title-{sfx}\">{}</title><defs>",
        match lang {
            Lang::En => "A chain of random variables X, Z1 up to ZT. Forward transforms q(zt|zt−1) point right; the posteriors q(zt−1|zt) and the fitted Gaussian models p(zt−1|zt) point back.",
            Lang::Zh => "随机变量链 X、Z1 直到 ZT。前向变换 q(zt|zt−1) 指向右侧；后验 q(zt−1|zt) 与拟合的高斯模型 p(zt−1|zt) 指回左侧。",
        }
    ));
    for class in ["fwd", "post", "fit"] {
        s.push_str(&format!(
            "<marker id=\"fig1-{class}-{sfx}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" \
             markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">\
             <path class=\"head-{class}\" d=\"M0 0 L10 5 L0 10 z\"/></marker>"
        ));
    }
    s.push_str("</defs>");

    s.push_str(&chain_arrows(&nodes, y, r, sfx));

    s.push_str(&node_row(&nodes, y, r, 7.0, "node", math_label));

    // Labels of the general step Z_{t-1} ⇄ Z_t.
    let mid = 510.0;
    s.push_str(&format!(
        "<text class=\"m lbl-fwd\" x=\"{mid}\" y=\"34\" text-anchor=\"middle\">{}</text>\
         <text class=\"m lbl-post\" x=\"{mid}\" y=\"191\" text-anchor=\"middle\">{}</text>\
         <text class=\"m lbl-fit\" x=\"{mid}\" y=\"257\" text-anchor=\"middle\">{}</text>",
        math_label("q(z_t | z_{t−1})"),
        math_label("q(z_{t−1} | z_t)"),
        math_label("p(z_{t−1} | z_t)"),
    ));

    // What the two ends are.
    s.push_str(&format!(
        "<text class=\"note\" x=\"70\" y=\"30\" text-anchor=\"middle\"><tspan lang=\"en\">data</tspan><tspan lang=\"zh\">数据</tspan></text>\
         <text class=\"m note\" x=\"70\" y=\"50\" text-anchor=\"middle\">{}</text>\
         <text class=\"note\" x=\"820\" y=\"30\" text-anchor=\"middle\"><tspan lang=\"en\">≈ standard normal</tspan><tspan lang=\"zh\">≈ 标准正态分布</tspan></text>\
         <text class=\"m note\" x=\"820\" y=\"50\" text-anchor=\"middle\">𝒩(0, 1)</text>",
        math_label("q(x)")
    ));

    // Legend.
    let legend = [
        ("fwd", "forward transform", "前向变换", 40.0),
        ("post", "posterior (exact)", "真实后验", 330.0),
        ("fit", "fitted Gaussian model", "拟合的条件高斯模型", 600.0),
    ];
    for (class, en, zh, x) in legend {
        s.push_str(&format!(
            "<path class=\"{class}\" d=\"M{x} 284 h34\" marker-end=\"url(#fig1-{class}-{sfx})\"/>\
             <text class=\"legend\" x=\"{}\" y=\"289\"><tspan lang=\"en\">{en}</tspan><tspan lang=\"zh\">{zh}</tspan></text>",
            x + 44.0
        ));
    }
    s.push_str("</svg>");
    s
}

/// Figure 1's arrows between consecutive nodes at height `y` (radius `r`;
/// an ellipsis, an empty label, has none): forward above, the posterior and the
/// fitted model below, pointing back. The pair Z_{t-1}, Z_t carries the
/// labels, so its backward arcs leave room for them.
fn chain_arrows(nodes: &[(f64, &str)], y: f64, r: f64, sfx: &str) -> String {
    // Where an arc leaves or enters the node at `x`, towards `dir` (±1), at
    // `deg` degrees above or below the centre line; `pad` from an ellipsis.
    let end = |x: f64, dir: f64, node: bool, deg: f64, up: bool, pad: f64| -> (f64, f64) {
        let a = deg.to_radians();
        let dy = if up { -r } else { r } * a.sin();
        let dx = if node { r * a.cos() } else { pad };
        (x + dir * dx, y + dy)
    };
    let mut s = String::new();
    for pair in nodes.windows(2) {
        let (x1, n1) = pair[0];
        let (x2, n2) = pair[1];
        let mid = (x1 + x2) / 2.0;
        let h = 28.0 + (x2 - x1) * 0.16;
        let (post_depth, fit_depth) = if n1 == "Z_{t−1}" {
            (50.0, 175.0)
        } else {
            (h, 2.0 * h + 12.0)
        };
        let (left, right) = ((x1, 1.0, !n1.is_empty()), (x2, -1.0, !n2.is_empty()));
        // (class, from, to, degrees, above, pad from an ellipsis, control point's y)
        let arcs = [
            ("fwd", left, right, 40.0, true, 14.0, y - r - h),
            ("post", right, left, 35.0, false, 14.0, y + r + post_depth),
            ("fit", right, left, 72.0, false, 6.0, y + r + fit_depth),
        ];
        for (class, (xa, da, na), (xb, db, nb), deg, up, pad, cy) in arcs {
            let (ax, ay) = end(xa, da, na, deg, up, pad);
            let (bx, by) = end(xb, db, nb, deg, up, pad);
            s.push_str(&format!(
                "<path class=\"{class}\" d=\"M{ax:.1} {ay:.1} Q{mid:.1} {cy:.1} {bx:.1} {by:.1}\" marker-end=\"url(#fig1-{class}-{sfx})\"/>"
            ));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subscripts_become_tspans() {
        assert_eq!(
            math_label("Z_{t−1}"),
            "<tspan class=\"mi\">Z</tspan><tspan class=\"sub\" baseline-shift=\"sub\" font-size=\"72%\"><tspan class=\"mi\">t</tspan>−1</tspan>"
        );
    }

    #[test]
    fn every_computed_figure_renders_in_both_languages_with_all_its_words() {
        for id in LIVE {
            for lang in Lang::ALL {
                let html = html(id, lang).unwrap();
                assert!(!html.contains('⟦'), "{id} {lang:?}: a word is missing");
                assert!(!html.contains("figure-pending"), "{id} {lang:?}: not drawn");
                let panels = html.matches("data-panel=").count();
                assert!(panels >= 1, "{id}");
                assert_eq!(html.matches("role=\"img\"").count(), panels, "{id}");
                assert_eq!(html.matches("<desc id=").count(), panels, "{id}");
                assert!(html.contains(&format!("data-lang=\"{}\"", lang.code())));
                assert!(!html.contains(&format!("-{}\"", lang.other().code())));
            }
        }
    }

    #[test]
    fn figure_7_1_is_a_labelled_diagram_in_each_language() {
        let en = html("fig_7_1", Lang::En).unwrap();
        let zh = html("fig_7_1", Lang::Zh).unwrap();
        assert!(en.contains("<title id=\"fig71-title-en\">") && en.contains("<desc"));
        assert!(zh.contains("一次噪声较大的后验变换"));
        assert!(!zh.contains("-en\""));
    }

    #[test]
    fn svg_ids_are_unique_per_language() {
        let en = html("fig_1", Lang::En).unwrap();
        let zh = html("fig_1", Lang::Zh).unwrap();
        assert!(en.contains("id=\"fig1-fwd-en\"") && zh.contains("id=\"fig1-fwd-zh\""));
        assert!(!zh.contains("-en\""));
    }
}
