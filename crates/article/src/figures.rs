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
//! written here, so every string of a figure lives in [`TEXT`] alone.
//! `dpm figure fig_c2 ...` renders the same panels through [`render_panels`].
//!
//! Every figure carries its numbered caption in both languages (`lang`
//! attributes; the page's CSS shows the current one) and a text
//! alternative: each panel is an `<svg role="img">` with a `<title>` and a
//! `<desc>` holding its numbers.

use crate::html::escape;
use crate::sections::Lang;
use dpm_charts::figures::{self as cf, Panel, Words};
use dpm_charts::RenderOptions;
use dpm_engine::figures::{self as ef, SupportCase};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

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

/// The computed figures (everything but the two diagrams).
pub const LIVE: [&str; 7] = [
    "fig_c1", "fig_c2", "fig_d1", "fig_d2", "fig_d3", "fig_d4", "fig_d5",
];

pub fn is_known(id: &str) -> bool {
    FIGURES.iter().any(|f| f.0 == id)
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

/// Parameters of the computed figures; `None` is the figure's default.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params {
    /// C.1: the seed of the two inputs (default 38). C.2: the data seed (100).
    pub seed: Option<u32>,
    /// C.2: alpha of (a) (0.95). D.4: alpha of (c), (d) (0.6). D.5: alpha (0.36).
    pub alpha: Option<f64>,
    /// C.2: alpha of (b) (0.99).
    pub alpha_b: Option<f64>,
    /// D.1-D.3: beta (0.04). D.4: beta of (a), (b) (0.6). D.5: beta (0.0036).
    pub beta: Option<f64>,
    /// D.1-D.3: the power of the posterior matrix (16384).
    pub power: Option<u64>,
    /// D.4: z of (a), (c) (1). D.5: z (6).
    pub z: Option<f64>,
    /// D.4: z of (b), (d) (2).
    pub z_b: Option<f64>,
}

/// Default C.1 seed: rows with and without mixed signs.
pub const C1_SEED: u32 = 38;
/// Default C.2 data seed (the demos' default q(x)).
pub const C2_SEED: u32 = 100;
/// Default alphas of C.2 (a) and (b).
pub const C2_ALPHAS: [f64; 2] = [0.95, 0.99];

/// One figure's numbers.
enum Computed {
    C1(Box<ef::L1Terms>),
    C2(Vec<f64>, Box<[ef::PosteriorSparsity; 2]>),
    Support(Vec<f64>, Box<ef::SupportComponents>),
    D4(Vec<f64>, Vec<ef::CentreDeviation>),
    D5(Vec<f64>, ef::CentreDeviation),
}

fn engine(e: dpm_engine::EngineError) -> String {
    e.to_string()
}

fn compute(id: &str, p: &Params) -> Result<Computed, String> {
    Ok(match id {
        "fig_c1" => Computed::C1(Box::new(
            ef::l1_example(f64::from(p.seed.unwrap_or(C1_SEED)), ef::C1_NOISE).map_err(engine)?,
        )),
        "fig_c2" => {
            let q = ef::c2_data(p.seed.unwrap_or(C2_SEED)).map_err(engine)?;
            let a = ef::posterior_sparsity(&q, p.alpha.unwrap_or(C2_ALPHAS[0])).map_err(engine)?;
            let b =
                ef::posterior_sparsity(&q, p.alpha_b.unwrap_or(C2_ALPHAS[1])).map_err(engine)?;
            Computed::C2(ef::WIDE_GRID.points(), Box::new([a, b]))
        }
        "fig_d1" | "fig_d2" | "fig_d3" => {
            let case = match id {
                "fig_d1" => SupportCase::One,
                "fig_d2" => SupportCase::Communicating,
                _ => SupportCase::Separated,
            };
            let s = ef::support_components(
                case,
                p.beta.unwrap_or(ef::D_BETA),
                p.power.unwrap_or(ef::D_POWER),
            )
            .map_err(engine)?;
            Computed::Support(ef::WIDE_GRID.points(), Box::new(s))
        }
        "fig_d4" => {
            let q = ef::d4_data().map_err(engine)?;
            let beta = p.beta.unwrap_or(ef::D4_GENERAL.1);
            let alpha = p.alpha.unwrap_or(ef::D4_ALPHA);
            let zs = [p.z.unwrap_or(ef::D4_Z[0]), p.z_b.unwrap_or(ef::D4_Z[1])];
            let mut panels = Vec::new();
            for (a, b) in [(1.0, beta), (alpha, 1.0 - alpha)] {
                for z in zs {
                    panels.push(ef::centre_deviation(&q, a, b, z).map_err(engine)?);
                }
            }
            Computed::D4(ef::D4_GRID.points(), panels)
        }
        "fig_d5" => {
            let d = ef::deviation_beyond_3_sigma(
                p.alpha.unwrap_or(ef::D5_ALPHA),
                p.beta.unwrap_or(ef::D5_BETA),
                p.z.unwrap_or(ef::D5_Z),
            )
            .map_err(engine)?;
            Computed::D5(ef::D5_GRID.points(), d)
        }
        other => return Err(format!("`{other}` is not a computed figure")),
    })
}

fn deviation_view<'a>(x: &'a [f64], d: &'a ef::CentreDeviation) -> cf::DeviationView<'a> {
    cf::DeviationView {
        x,
        q_x: &d.q_x,
        gauss_fun: &d.gauss_fun,
        posterior: &d.posterior,
        alpha: d.alpha,
        beta: d.beta,
        z: d.z,
        centre: d.centre,
        sigma: d.sigma,
        deviation: d.deviation,
        value_at_z: d.posterior_at_z,
    }
}

/// The charts of a computed figure, in the language `w` speaks.
fn panels<'a>(c: &'a Computed, w: Words<'_>) -> Vec<Panel<'a>> {
    match c {
        Computed::C1(t) => cf::c1_panels(
            &cf::L1View {
                states: &ef::C1_VALUES,
                transition: &t.transition,
                p: &t.p,
                q: &t.q,
                diff: &t.diff,
                terms: &t.terms,
                out_terms: &t.out_terms,
                bound_terms: &t.bound_terms,
                signs_agree: &t.signs_agree,
                l1_in: t.l1_in,
                l1_out: t.l1_out,
            },
            w,
        ),
        Computed::C2(x, panels) => panels
            .iter()
            .zip(["a", "b"])
            .map(|(s, tag)| {
                cf::c2_panel(
                    tag,
                    s.alpha,
                    &s.log2_posterior,
                    x.len(),
                    (ef::WIDE_GRID.lo, ef::WIDE_GRID.hi),
                    ef::LOG2_FLOOR,
                    s.nonzero,
                    w,
                )
            })
            .collect(),
        Computed::Support(x, s) => cf::support_panels(
            &cf::SupportView {
                x,
                q_x: &s.q_x,
                probes: &s.probes,
                support: &s.support,
                gaps: &s.gaps,
                extension: &s.extension,
                beta: s.beta,
                sigma: s.sigma,
                log2_posterior: &s.log2_posterior,
                log2_power: &s.log2_power,
                floor: ef::LOG2_FLOOR,
                power: s.power,
                classes: s.classes,
            },
            w,
        ),
        Computed::D4(x, panels) => {
            let views: Vec<cf::DeviationView<'_>> =
                panels.iter().map(|d| deviation_view(x, d)).collect();
            let y_max = cf::deviation_y_max(&views);
            views
                .iter()
                .zip(["a", "b", "c", "d"])
                .enumerate()
                .map(|(k, (v, tag))| cf::d4_panel(tag, v, k < 2, y_max, w))
                .collect()
        }
        Computed::D5(x, d) => vec![cf::d5_panel(&deviation_view(x, d), w)],
    }
}

/// One panel drawn: a standalone SVG document and what it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedPanel {
    /// The SVG document (`width`/`height` = `size`).
    pub svg: String,
    pub size: (u32, u32),
    pub title: String,
    /// The text alternative.
    pub desc: String,
}

fn draw(panels: &[Panel<'_>]) -> Result<Vec<RenderedPanel>, String> {
    panels
        .iter()
        .map(|p| {
            let svg = cf::figure_chart_svg(&p.chart, p.size, &RenderOptions::svg(1.0))
                .map_err(|e| e.to_string())?;
            Ok(RenderedPanel {
                svg,
                size: p.size,
                title: p.chart.title().to_string(),
                desc: p.desc.clone(),
            })
        })
        .collect()
}

/// The panels of computed figure `id` in `lang`, with `params` (what
/// `dpm figure` draws). Errors name the bad parameter.
pub fn render_panels(id: &str, lang: Lang, params: &Params) -> Result<Vec<RenderedPanel>, String> {
    let computed = compute(id, params)?;
    let w = |k: &str| word(lang, k);
    draw(&panels(&computed, &w))
}

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

/// `s` as a JSON string literal.
fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The figure's words in `lang`, as a JSON object (for the page's controls).
fn words_json(id: &str, lang: Lang) -> String {
    let keys: Vec<String> = TEXT
        .iter()
        .filter(|(k, _, _)| prefixes(id).iter().any(|p| k.starts_with(p)))
        .map(|(k, _, _)| format!("{}:{}", json_string(k), json_string(&word(lang, k))))
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
    // Top row: samples and the large-noise transforms between them.
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
        let (a, la) = pair[0];
        let (b, lb) = pair[1];
        let x1 = a + if la.is_empty() { 22.0 } else { r + 4.0 };
        let x2 = b - if lb.is_empty() { 22.0 } else { r + 6.0 };
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
    for (x, label) in samples {
        if label.is_empty() {
            s.push_str(&format!(
                "<text class=\"m dots\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">⋯</text>",
                y + 7.0
            ));
        } else {
            s.push_str(&format!(
                "<circle class=\"node\" cx=\"{x}\" cy=\"{y}\" r=\"{r}\"/>\
                 <text class=\"m node-label\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                y + 6.0,
                sample_label(label)
            ));
        }
    }
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
    // The opened-up transform (between x^(1) and x^(2)).
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
        let (a, la) = pair[0];
        let (b, lb) = pair[1];
        let x1 = a + if la.is_empty() { 22.0 } else { 28.0 };
        let x2 = b - if lb.is_empty() { 22.0 } else { 30.0 };
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
    for (x, label) in &inner[..5] {
        if label.is_empty() {
            s.push_str(&format!(
                "<text class=\"m dots\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">⋯</text>",
                yb + 7.0
            ));
        } else {
            s.push_str(&format!(
                "<circle class=\"node small-node\" cx=\"{x}\" cy=\"{yb}\" r=\"22\"/>\
                 <text class=\"m node-label\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                yb + 6.0,
                math_label(label)
            ));
        }
    }
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
    s.push_str("</svg>");
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
    fn figure_params_reach_the_engine_and_bad_ones_are_refused() {
        let p = Params {
            alpha: Some(0.9),
            ..Params::default()
        };
        let panels = render_panels("fig_c2", Lang::En, &p).unwrap();
        assert_eq!(panels.len(), 2);
        assert!(panels[0].title.contains("0.9"), "{}", panels[0].title);
        let bad = Params {
            alpha: Some(1.5),
            ..Params::default()
        };
        let err = render_panels("fig_c2", Lang::En, &bad).unwrap_err();
        assert!(err.contains("alpha"), "{err}");
        assert!(render_panels("fig_1", Lang::En, &Params::default()).is_err());
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
