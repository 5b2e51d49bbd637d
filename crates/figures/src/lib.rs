//! The article's computed figures, one pipeline for every place that shows
//! them: their parameters and defaults ([`Params`]), the engine calls that
//! give their numbers ([`compute`]), the chart panels that draw them
//! ([`panels`]), and every word they show ([`words`]). The demos' words
//! (control labels, panel titles, legends) are here too ([`text`]), for the
//! same reason: the page and `dpm figure` title a demo's plots alike. The article builder
//! writes them into the page as inline SVG at build time, the page redraws
//! the adjustable ones on canvas when the reader changes a parameter, and
//! `dpm figure` renders them to files; all three call this crate, so they
//! cannot drift apart. No KaTeX, DOM or I/O here.

pub mod text;
pub mod words;

pub use words::{word, word_keys, Lang, TEXT};

use dpm_charts::figures::{self as cf, Panel, Words};
use dpm_engine::figures::{self as ef, SupportCase};

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
        "Centre deviation of GaussFun",
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

/// Whether `id` names one of the article's figures (diagrams included).
pub fn is_known(id: &str) -> bool {
    FIGURES.iter().any(|f| f.0 == id)
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
pub enum Computed {
    C1(Box<ef::L1Terms>),
    C2(Vec<f64>, Box<[ef::PosteriorSparsity; 2]>),
    Support(Vec<f64>, Box<ef::SupportComponents>),
    D4(Vec<f64>, Vec<ef::CentreDeviation>),
    D5(Vec<f64>, ef::CentreDeviation),
}

fn engine(e: dpm_engine::EngineError) -> String {
    e.to_string()
}

/// The numbers of computed figure `id` with `params` (`None` fields take the
/// figure's defaults). Errors name the bad parameter.
pub fn compute(id: &str, p: &Params) -> Result<Computed, String> {
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
pub fn panels<'a>(c: &'a Computed, w: Words<'_>) -> Vec<Panel<'a>> {
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
                    (ef::WIDE_GRID.lo(), ef::WIDE_GRID.hi()),
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

#[cfg(feature = "svg")]
mod render;
#[cfg(feature = "svg")]
pub use render::{draw, render_panels, RenderedPanel};
