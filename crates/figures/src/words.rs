//! Every word the computed figures and their controls show, in both
//! languages: one table for the article, the page and `dpm figure`.

/// The article's two languages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// From `<html lang>` or an event's `detail.lang`; anything but "zh" is English.
    pub fn from_code(code: &str) -> Self {
        if code.starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// Directory name under `content/` and the value of `lang="…"`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "Chinese",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }
}

/// Every word of the computed figures and of their controls: `(key, English,
/// Chinese)`. Keys are the charts builders' (`dpm_charts::figures`), plus
/// `ctl.*` for the page's controls; `{name}` placeholders are filled by
/// whoever draws.
pub const TEXT: &[(&str, &str, &str)] = &[
    ("fig.z", "z", "z"),
    ("fig.x", "x", "x"),
    // C.1
    (
        "c1.terms_title",
        "(a) Each row x: the terms r(x|z)·(p(z) − q(z)) inside one absolute value",
        "(a) 每行对应一个 x：同一个绝对值括号内的各项 r(x|z)·(p(z) − q(z))",
    ),
    (
        "c1.inputs_title",
        "(b) The transition r(x|z) and the two inputs",
        "(b) 转移概率 r(x|z) 与两个输入",
    ),
    ("c1.corner", "x \\ z", "x \\ z"),
    ("c1.diff", "p(z) − q(z)", "p(z) − q(z)"),
    ("c1.out_head", "|Σ|", "|Σ|"),
    ("c1.bound_head", "Σ|·|", "Σ|·|"),
    ("c1.total", "L1 norms", "L1 范数"),
    ("c1.p", "p(z)", "p(z)"),
    ("c1.q", "q(z)", "q(z)"),
    (
        "c1.terms_note",
        "Red: positive term; blue: negative; grey: zero, where r(x|z) = 0.\n\
         “<” marks a row whose terms have both signs: they cancel, so |Σ| < Σ|·|.",
        "红色为正项，蓝色为负项，灰色为零（r(x|z) = 0 处）。\n\
         “<” 表示该行各项有正有负，相互抵消，于是 |Σ| < Σ|·|。",
    ),
    (
        "c1.inputs_note",
        "r(x|z): the posterior of a five-state forward step that moves one state\n\
         with probability 0.25 each way; every column sums to 1.",
        "r(x|z)：一个五状态前向变换的后验，该变换以各 0.25 的概率向左或向右\n\
         移动一个状态；每列之和为 1。",
    ),
    (
        "c1.desc_terms",
        "Table of the terms r(x|z)(p(z) − q(z)) for five states x and z. {mixed} of the 5 rows \
         mix positive and negative terms. ‖p(x) − q(x)‖₁ = {out} {relation} ‖p(z) − q(z)‖₁ = {in}.",
        "五个状态 x、z 上各项 r(x|z)(p(z) − q(z)) 的表格。5 行中有 {mixed} 行正负项混杂。\
         ‖p(x) − q(x)‖₁ = {out} {relation} ‖p(z) − q(z)‖₁ = {in}。",
    ),
    (
        "c1.desc_inputs",
        "Table of the five-state transition r(x|z), zero more than one state away from the \
         diagonal, and of the two random inputs p(z) and q(z).",
        "五状态转移概率 r(x|z) 的表格（偏离对角线超过一个状态处为零），以及两个随机输入 p(z) 与 q(z)。",
    ),
    // C.2
    ("c2.title", "({tag}) α = {alpha}", "({tag}) α = {alpha}"),
    (
        "c2.nonzero",
        "{pct}% above {floor}",
        "{pct}% 的元素大于 {floor}",
    ),
    ("c2.colorbar", "log₂ q(x|z)", "log₂ q(x|z)"),
    (
        "c2.desc",
        "Heat map of log₂ q(x|z) for α = {alpha}, x and z from −3 to 3 (z across, x up). \
         {count} of {total} elements ({pct}%) are above {floor}; the rest are practically zero.",
        "α = {alpha} 时 log₂ q(x|z) 的热力图，x、z 取值 −3 到 3（横轴 z，纵轴 x）。\
         {total} 个元素中有 {count} 个（{pct}%）大于 {floor}，其余实际上为零。",
    ),
    // D.1-D.3
    (
        "d.pdf_title",
        "(a) q(x) and GaussFun at the edges (α = 1, β = {beta})",
        "(a) q(x) 与边缘处的 GaussFun（α = 1，β = {beta}）",
    ),
    ("d.post_title", "(b) log₂ q(x|z)", "(b) log₂ q(x|z)"),
    (
        "d.power_title",
        "(c) log₂ of q(x|z) to the power {n}",
        "(c) q(x|z) 的 {n} 次方（log₂）",
    ),
    ("d.q_x", "q(x)", "q(x)"),
    ("d.gauss_fun", "GaussFun", "GaussFun"),
    ("d.support", "support", "支撑集"),
    ("d.reach", "±3σ", "±3σ"),
    ("d.gap", "gap {gap} = {ratio}σ", "间隙 {gap} = {ratio}σ"),
    (
        "d.inaccessible",
        "inaccessible: q(x|z) = 0",
        "不可达：q(x|z) = 0",
    ),
    ("d.extension", "extension", "延伸区"),
    ("d.unidirectional", "unidirectional", "单向可达"),
    ("d.support_columns", "z in the support", "z 在支撑集内"),
    ("d.extension_columns", "z in the extension", "z 在延伸区"),
    ("d.colorbar", "log₂ value", "log₂ 值"),
    (
        "d.desc_pdf",
        "Line chart of q(x), zero outside its support {components} (gaps: {gaps}), with \
         GaussFun (σ = {sigma}) at the edges of the components and brackets over its ±3σ reach.",
        "q(x) 的曲线图：q(x) 在支撑集 {components} 之外为零（间隙：{gaps}）；\
         并画出各分量边缘处的 GaussFun（σ = {sigma}）及其 ±3σ 覆盖范围。",
    ),
    (
        "d.desc_post",
        "Heat map of log₂ q(x|z), z across and x up. It is non-zero only in the rows of the \
         support; inside each dashed white square (the support) states reach one another; \
         the columns just outside the support (dashed orange, the extension) move into the \
         support but are never reached from it.",
        "log₂ q(x|z) 的热力图，横轴 z，纵轴 x。只有支撑集对应的行非零；白色虚线方框（支撑集）内的状态\
         可以互相到达；支撑集外侧紧邻的列（橙色虚线，延伸区）可以转移到支撑集内，但从支撑集出发永远到不了那里。",
    ),
    (
        "d.desc_power",
        "Heat map of log₂ of the posterior matrix to the power {n}. Within each communicate \
         class every column has become the same distribution; the matrix has converged to \
         {classes} such class(es).",
        "后验矩阵 {n} 次方的 log₂ 热力图。每个互通类内的各列都已变成同一个分布；\
         矩阵收敛到了 {classes} 个这样的互通类。",
    ),
    // D.4, D.5
    (
        "d4.title_general",
        "({tag}) α = 1, β = {beta}, z = {z}",
        "({tag}) α = 1，β = {beta}，z = {z}",
    ),
    (
        "d4.title_ddpm",
        "({tag}) α = {alpha}, β = 1 − α, z = {z}",
        "({tag}) α = {alpha}，β = 1 − α，z = {z}",
    ),
    ("d4.q_x", "q(x)", "q(x)"),
    ("d4.gauss_fun", "GaussFun", "GaussFun"),
    ("d4.posterior", "q(x|z={z})", "q(x|z={z})"),
    ("d4.shift", "shift {shift}", "偏移 {shift}"),
    (
        "d4.desc",
        "Line chart for α = {alpha}, β = {beta}, z = {z}: GaussFun is centred at {centre}, \
         {shift} away from x = z; q(x|z) is GaussFun times q(x), normalised.",
        "α = {alpha}、β = {beta}、z = {z} 时的曲线图：GaussFun 的中心在 {centre}，\
         距 x = z 偏移 {shift}；q(x|z) 是 GaussFun 与 q(x) 之积归一化的结果。",
    ),
    (
        "d5.title",
        "α = {alpha}, β = {beta}, z = {z}",
        "α = {alpha}，β = {beta}，z = {z}",
    ),
    ("d5.shift", "shift {shift} = {ratio}σ", "偏移 {shift} = {ratio}σ"),
    ("d5.value", "q(x={z} | z={z}) = {value}", "q(x={z} | z={z}) = {value}"),
    (
        "d5.desc",
        "Line chart for α = {alpha}, β = {beta}, z = {z}: GaussFun is centred at {centre}, \
         {ratio} standard deviations from x = z, so q(x|z) sits near {centre} and \
         q(x = {z} | z = {z}) = {value}.",
        "α = {alpha}、β = {beta}、z = {z} 时的曲线图：GaussFun 的中心在 {centre}，距 x = z \
         有 {ratio} 个标准差，因此 q(x|z) 集中在 {centre} 附近，q(x = {z} | z = {z}) = {value}。",
    ),
    // The page's controls (crates/web).
    ("ctl.new_pair", "New random pair", "换一组随机输入"),
    ("ctl.seed", "inputs seed", "输入的随机种子"),
    ("ctl.alpha_a", "α of (a)", "(a) 的 α"),
    ("ctl.alpha_b", "α of (b)", "(b) 的 α"),
    ("ctl.alpha", "α of (c), (d), with β = 1 − α", "(c)、(d) 的 α（β = 1 − α）"),
    ("ctl.z_a", "z of (a), (c)", "(a)、(c) 的 z"),
    ("ctl.z_b", "z of (b), (d)", "(b)、(d) 的 z"),
    (
        "ctl.c1_readout",
        "‖p(x) − q(x)‖₁ = {out} {relation} ‖p(z) − q(z)‖₁ = {in}",
        "‖p(x) − q(x)‖₁ = {out} {relation} ‖p(z) − q(z)‖₁ = {in}",
    ),
    (
        "ctl.c2_readout",
        "above 2⁻²⁰: {a}% in (a), {b}% in (b)",
        "大于 2⁻²⁰ 的元素：(a) {a}%，(b) {b}%",
    ),
    (
        "ctl.d4_readout",
        "GaussFun's centre in (c), (d): {c}, {d}",
        "(c)、(d) 中 GaussFun 的中心：{c}、{d}",
    ),
    (
        "ctl.hint",
        "Change the parameters: the figure is recomputed in your browser.",
        "修改参数，图会在浏览器中重新计算。",
    ),
];

/// The text of `key` in `lang`; an unknown key shows as `⟦key⟧` (the tests
/// look for it).
pub fn word(lang: Lang, key: &str) -> String {
    TEXT.iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, en, zh)| match lang {
            Lang::En => en.to_string(),
            Lang::Zh => zh.to_string(),
        })
        .unwrap_or_else(|| format!("⟦{key}⟧"))
}

/// The word-key prefixes each computed figure uses.
fn prefixes(id: &str) -> &'static [&'static str] {
    match id {
        "fig_c1" => &["fig.", "c1.", "ctl."],
        "fig_c2" => &["fig.", "c2.", "ctl."],
        "fig_d4" => &["fig.", "d4.", "ctl."],
        "fig_d5" => &["fig.", "d4.", "d5."],
        _ => &["fig.", "d."],
    }
}

/// The keys of every word computed figure `id` shows (its charts and its
/// controls), in table order.
pub fn word_keys(id: &str) -> impl Iterator<Item = &'static str> + '_ {
    TEXT.iter()
        .map(|(k, _, _)| *k)
        .filter(move |k| prefixes(id).iter().any(|p| k.starts_with(p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_unique_and_present_in_both_languages() {
        let mut seen = std::collections::HashSet::new();
        for (key, en, zh) in TEXT {
            assert!(seen.insert(key), "{key} twice");
            assert!(!en.is_empty() && !zh.is_empty(), "{key}");
            // Placeholders agree between the languages.
            let holes = |s: &str| {
                let mut v: Vec<String> = s
                    .split('{')
                    .skip(1)
                    .filter_map(|p| p.split_once('}').map(|(h, _)| h.to_string()))
                    .collect();
                v.sort();
                v
            };
            assert_eq!(holes(en), holes(zh), "{key}");
        }
    }

    #[test]
    fn every_computed_figure_has_words() {
        for id in crate::LIVE {
            assert!(word_keys(id).count() > 3, "{id}");
            assert!(word_keys(id).all(|k| !word(Lang::Zh, k).contains('⟦')));
        }
    }
}
