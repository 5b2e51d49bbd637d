//! The article's figures. Figure 1 is a diagram drawn here as SVG; the others
//! are placeholders that the live figures (computed in the browser) will fill.
//!
//! Every figure carries its caption and labels in both languages (`lang`
//! attributes); the page's CSS shows the current one.

use crate::html::escape;
use crate::sections::Lang;

/// `(id, number, English caption, Chinese caption)`; captions follow the original's.
pub const FIGURES: [(&str, &str, &str, &str); 9] = [
    (
        "fig_1",
        "1",
        "Diffusion probability model schematic",
        "扩散概率模型示意图",
    ),
    (
        "fig_7_1",
        "7.1",
        "Markov Chain Monte Carlo sampling",
        "马尔可夫链蒙特卡洛采样",
    ),
    (
        "fig_c1",
        "C.1",
        "Non-expanding under the L1 norm",
        "L1 范数下的非扩张性",
    ),
    (
        "fig_c2",
        "C.2",
        "More non-zero elements as <i>α</i> gets smaller",
        "<i>α</i> 越小，非零元素越多",
    ),
    (
        "fig_d1",
        "D.1",
        "Only one component in the support",
        "支撑集只有一个连通分量",
    ),
    (
        "fig_d2",
        "D.2",
        "Components that can communicate with each other",
        "可以相互连通的多个分量",
    ),
    (
        "fig_d3",
        "D.3",
        "Two components that <b>cannot</b> communicate with each other",
        "<b>无法</b>相互连通的两个分量",
    ),
    (
        "fig_d4",
        "D.4",
        "Center deviation of GaussFun",
        "GaussFun 的中心偏移",
    ),
    (
        "fig_d5",
        "D.5",
        "Deviation of more than 3<i>σ</i>",
        "偏移超过 3<i>σ</i>",
    ),
];

pub fn is_known(id: &str) -> bool {
    FIGURES.iter().any(|f| f.0 == id)
}

/// The figure's HTML for the body in language `lang` (used only to keep SVG ids unique).
pub fn html(id: &str, lang: Lang) -> Option<String> {
    let &(id, number, en, zh) = FIGURES.iter().find(|f| f.0 == id)?;
    let caption = format!(
        "<figcaption><span lang=\"en\"><span class=\"fig-no\">Figure {number}:</span> {en}</span>\
         <span lang=\"zh\"><span class=\"fig-no\">图 {number}：</span>{zh}</span></figcaption>"
    );
    Some(if id == "fig_1" {
        format!(
            "<figure class=\"figure diagram\" data-figure=\"{id}\"><div class=\"figure-scroll\">{}</div>{caption}</figure>",
            chain_svg(lang)
        )
    } else {
        format!(
            "<figure class=\"figure live-figure\" data-figure=\"{id}\">\
             <div class=\"figure-mount\"><p class=\"figure-pending\">\
             <span lang=\"en\">Live figure coming soon: it will be computed in your browser.</span>\
             <span lang=\"zh\">实时图即将上线：它将在浏览器中实时计算生成。</span></p></div>\
             {caption}</figure>"
        )
    })
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
            if c.is_ascii_alphabetic() {
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
    // (centre x, label); `None` marks an ellipsis between nodes.
    let nodes: [(f64, Option<&str>); 7] = [
        (70.0, Some("X")),
        (200.0, Some("Z_1")),
        (300.0, None),
        (405.0, Some("Z_{t−1}")),
        (615.0, Some("Z_t")),
        (720.0, None),
        (820.0, Some("Z_T")),
    ];
    let edge = |x: f64, dx: f64, deg: f64, up: bool| -> (f64, f64) {
        let a = deg.to_radians();
        let rr = if dx == 0.0 { 0.0 } else { r };
        let ry = if up { -1.0 } else { 1.0 };
        (x + dx * rr * a.cos(), y + ry * r * a.sin())
    };
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

    // Arrows between consecutive nodes (an ellipsis has no radius). The pair
    // Z_{t-1}, Z_t carries the labels, so its backward arcs leave room for them.
    for pair in nodes.windows(2) {
        let (x1, n1) = pair[0];
        let (x2, n2) = pair[1];
        let r1 = if n1.is_some() { 1.0 } else { 0.0 };
        let r2 = if n2.is_some() { 1.0 } else { 0.0 };
        let mid = (x1 + x2) / 2.0;
        let gap = x2 - x1;
        let h = 28.0 + gap * 0.16;
        let labelled = n1 == Some("Z_{t−1}");
        let (post_depth, fit_depth) = if labelled {
            (50.0, 175.0)
        } else {
            (h, 2.0 * h + 12.0)
        };
        // forward, above
        let (ax, ay) = edge(x1, r1, 40.0, true);
        let (bx, by) = edge(x2, -r2, 40.0, true);
        let ax = if n1.is_none() { x1 + 14.0 } else { ax };
        let bx = if n2.is_none() { x2 - 14.0 } else { bx };
        s.push_str(&format!(
            "<path class=\"fwd\" d=\"M{ax:.1} {ay:.1} Q{mid:.1} {:.1} {bx:.1} {by:.1}\" marker-end=\"url(#fig1-fwd-{sfx})\"/>",
            y - r - h
        ));
        // posterior, below, pointing back
        let (ax, ay) = edge(x2, -r2, 35.0, false);
        let (bx, by) = edge(x1, r1, 35.0, false);
        let ax = if n2.is_none() { x2 - 14.0 } else { ax };
        let bx = if n1.is_none() { x1 + 14.0 } else { bx };
        s.push_str(&format!(
            "<path class=\"post\" d=\"M{ax:.1} {ay:.1} Q{mid:.1} {:.1} {bx:.1} {by:.1}\" marker-end=\"url(#fig1-post-{sfx})\"/>",
            y + r + post_depth
        ));
        // fitted model, further below, dashed
        let (ax, ay) = edge(x2, -r2, 72.0, false);
        let (bx, by) = edge(x1, r1, 72.0, false);
        let ax = if n2.is_none() { x2 - 6.0 } else { ax };
        let bx = if n1.is_none() { x1 + 6.0 } else { bx };
        s.push_str(&format!(
            "<path class=\"fit\" d=\"M{ax:.1} {ay:.1} Q{mid:.1} {:.1} {bx:.1} {by:.1}\" marker-end=\"url(#fig1-fit-{sfx})\"/>",
            y + r + fit_depth
        ));
    }

    // Nodes.
    for (x, label) in nodes {
        match label {
            Some(label) => s.push_str(&format!(
                "<circle class=\"node\" cx=\"{x}\" cy=\"{y}\" r=\"{r}\"/>\
                 <text class=\"m node-label\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                y + 7.0,
                math_label(label)
            )),
            None => s.push_str(&format!(
                "<text class=\"m dots\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">⋯</text>",
                y + 7.0
            )),
        }
    }

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
    fn svg_ids_are_unique_per_language() {
        let en = html("fig_1", Lang::En).unwrap();
        let zh = html("fig_1", Lang::Zh).unwrap();
        assert!(en.contains("id=\"fig1-fwd-en\"") && zh.contains("id=\"fig1-fwd-zh\""));
        assert!(!zh.contains("-en\""));
    }
}
