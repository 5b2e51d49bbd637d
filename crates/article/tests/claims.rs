//! Every number the article states about a demo, a figure or the DDPM
//! schedule is recomputed here by the engine (issue 12).
//!
//! Each claim is listed once in [`CLAIMS`]: the section file, the exact text
//! that carries the number in the English and in the Chinese file, the number
//! as printed, and a closure computing it with `dpm_engine`. The test fails
//! when a snippet is missing from its file, or when the engine's value,
//! rounded to the printed number's decimals, differs from the printed number.
//! A second test scans both languages for precise numbers (three or more
//! decimals, percentages, thousands separators): each must be a listed claim
//! or a listed setting, and each file must state the same ones in both
//! languages.
//!
//! Demo settings are the demos' defaults (`dpm_engine::demos`, which the
//! page's controls start from): seed 100 everywhere, alpha 0.98 and 7 steps in
//! demo 3.1, noise random seed 200 in demo 3.2, alpha 0.95 and two inputs
//! seed 100 in demo 4.1. Figure settings are those the figures are drawn with
//! (`dpm_figures`, `dpm_engine::figures`). Demo 4.2's iterates are
//! deliberately not quoted in the text.

use dpm_engine::chain::{self, Chain};
use dpm_engine::contraction::{self, data_for_seed};
use dpm_engine::converge::MAX_ITERATE;
use dpm_engine::data::{self, DEFAULT_MODAL_COUNT};
use dpm_engine::divergence::js_distance;
use dpm_engine::figures::{self as ef, SupportCase};
use dpm_engine::posterior::ForwardStep;
use dpm_engine::{fit, grid};
use dpm_figures::{C1_SEED, C2_ALPHAS, C2_SEED};
use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use dpm_engine::demos;

/// The default seed of every demo's q(x).
const SEED: u32 = demos::DATA_SEED;
/// Demo 3.1's default alpha (start and end) and steps.
const CHAIN_ALPHA: f64 = demos::demo_3::DEFAULTS.start_alpha;
const CHAIN_STEPS: usize = demos::demo_3::DEFAULTS.steps;
/// Demo 3.2's default noise random seed.
const NOISE_SEED: u32 = demos::demo_3::DEFAULTS.noise_seed;
/// Demo 4.1's default alpha and two inputs seed.
const ALPHA_4_1: f64 = demos::demo_4_1::DEFAULTS.alpha;
const INPUTS_SEED: u32 = demos::demo_4_1::DEFAULTS.inputs_seed;

/// One number stated by the text.
struct Claim {
    /// The section file, the same name in `content/en` and `content/zh`.
    file: &'static str,
    /// Text that carries the number in the English file, verbatim.
    en: &'static str,
    /// Text that carries the number in the Chinese file, verbatim.
    zh: &'static str,
    /// The number as printed (decimals, a `%` or thousands separators say
    /// how the engine's value is to be rounded).
    shown: &'static str,
    /// The engine's value.
    value: fn() -> f64,
}

const fn claim(
    file: &'static str,
    en: &'static str,
    zh: &'static str,
    shown: &'static str,
    value: fn() -> f64,
) -> Claim {
    Claim {
        file,
        en,
        zh,
        shown,
        value,
    }
}

// ---- Demos 3.1-3.3: the forward chain and its restorations -----------------

/// Demo 3.1's q(x) for the default seed (special seeds applied, shape 0).
fn q_x() -> Vec<f64> {
    data::hijacked(SEED, 0, DEFAULT_MODAL_COUNT).unwrap()
}

/// Demo 3.1's chain with start alpha = end alpha = `alpha`.
fn chain(alpha: f64, steps: usize) -> Chain {
    Chain::new(&q_x(), &chain::alphas(alpha, alpha, steps).unwrap()).unwrap()
}

/// Demo 3.2's JS distances, per step, of the restoration from `tail`.
fn restored_js(c: &Chain, tail: &[f64]) -> Vec<f64> {
    chain::js_per_step(&c.restore(tail).unwrap(), c.forward())
}

/// Demo 3.2 from N(0, 1): index T is the tail's distance from q(z_T).
fn from_normal(alpha: f64, steps: usize) -> Vec<f64> {
    restored_js(&chain(alpha, steps), &grid::standard_normal())
}

/// Demo 3.2 from the noisy tail (noise ratio 1, default noise random seed).
fn from_noise(alpha: f64, steps: usize) -> Vec<f64> {
    let tail = chain::noisy_tail(NOISE_SEED, 1.0).unwrap();
    restored_js(&chain(alpha, steps), &tail)
}

/// Demo 3.3: JS distance of q(x) restored from N(0, 1) with the fitted posteriors.
fn fitted_js_x(alpha: f64, steps: usize) -> f64 {
    let c = chain(alpha, steps);
    let fitted: Vec<Vec<f64>> = c
        .steps()
        .iter()
        .map(|s| fit::fit_posterior(s.posterior()).unwrap().1)
        .collect();
    let fitted: Vec<&[f64]> = fitted.iter().map(Vec::as_slice).collect();
    let restored = chain::restore_with(&fitted, &grid::standard_normal());
    js_distance(&restored[0], &c.forward()[0])
}

/// The last forward pdf of demo 3.1.
fn last(c: &Chain) -> Vec<f64> {
    c.forward().last().unwrap().clone()
}

// ---- Demo 2 ------------------------------------------------------------------

/// JS distance between the posterior column at `z` and q(x), at alpha 0.001.
fn posterior_vs_prior(z: f64) -> f64 {
    let q = q_x();
    let step = ForwardStep::new(&q, 0.001).unwrap();
    js_distance(&step.posterior_column(grid::index_of(z).unwrap()), &q)
}

// ---- Demo 4.1 ----------------------------------------------------------------

fn step_4_1(alpha: f64) -> (Vec<f64>, ForwardStep) {
    let (_, q) = data_for_seed(SEED).unwrap();
    let step = ForwardStep::new(&q, alpha).unwrap();
    (q, step)
}

fn lambda2(alpha: f64) -> f64 {
    let (q, step) = step_4_1(alpha);
    contraction::lambda2(&q, &step).unwrap()
}

fn div(alpha: f64) -> contraction::Contraction {
    contraction::contraction(&step_4_1(alpha).1, INPUTS_SEED).unwrap()
}

// ---- DDPM's schedule (equations 4.9, 4.10, 5.5) ---------------------------------

/// alpha-bar_T of DDPM: T = 1000, 1 - alpha_t from 0.0001 to 0.02 (linspace).
fn ddpm_alpha_bar() -> f64 {
    (0..1000)
        .map(|i| 1.0 - (1e-4 + (0.02 - 1e-4) * i as f64 / 999.0))
        .product()
}

// ---- Figures ---------------------------------------------------------------------

fn c1() -> ef::L1Terms {
    ef::l1_example(f64::from(C1_SEED), ef::C1_NOISE).unwrap()
}

/// Percentage of C.2's posterior elements above 2^-20 at `alpha`.
fn c2_percent(alpha: f64) -> f64 {
    let s = ef::posterior_sparsity(&ef::c2_data(C2_SEED).unwrap(), alpha).unwrap();
    100.0 * s.nonzero as f64 / s.total as f64
}

fn support(case: SupportCase) -> ef::SupportComponents {
    ef::support_components(case, ef::D_BETA, ef::D_POWER).unwrap()
}

/// The first gap between support components, in units of sigma.
fn gap_in_sigmas(case: SupportCase) -> f64 {
    let s = support(case);
    s.gaps[0] / s.sigma
}

/// D.4's lower row: alpha = 0.6, beta = 1 - alpha, condition z.
fn d4(z: f64) -> ef::CentreDeviation {
    ef::centre_deviation(&ef::d4_data().unwrap(), ef::D4_ALPHA, 1.0 - ef::D4_ALPHA, z).unwrap()
}

fn d5() -> ef::CentreDeviation {
    ef::deviation_beyond_3_sigma(ef::D5_ALPHA, ef::D5_BETA, ef::D5_Z).unwrap()
}

/// Every number the text states, once.
const CLAIMS: &[Claim] = &[
    // Section 3, demo 2 at alpha 0.001.
    claim(
        "04-posterior.md",
        "Jensen-Shannon divergence, is 0.017)",
        "Jensen-Shannon 散度的平方根，为 0.017）",
        "0.017",
        || posterior_vs_prior(-2.0),
    ),
    claim(
        "04-posterior.md",
        "indistinguishable from it (0.00006)",
        "看不出差别（0.00006）",
        "0.00006",
        || posterior_vs_prior(0.0),
    ),
    // Section 4, demo 3.1 (its distances as demo 3.2's last panel shows them).
    claim(
        "06-forward_process.md",
        "which [Demo 3.2](#demo_3_2) prints on its last panel, is 0.1656",
        "JS 距离是 0.1656",
        "0.1656",
        || from_normal(CHAIN_ALPHA, CHAIN_STEPS)[CHAIN_STEPS],
    ),
    claim(
        "06-forward_process.md",
        "fifteen steps at $\\alpha = 0.98$ still leave a distance of 0.1000",
        "$\\alpha = 0.98$ 时做满十五步，距离仍有 0.1000",
        "0.1000",
        || from_normal(CHAIN_ALPHA, 15)[15],
    ),
    claim(
        "06-forward_process.md",
        "both at 0.8 bring it down to 0.0258",
        "只需七步就降到 0.0258",
        "0.0258",
        || from_normal(0.8, CHAIN_STEPS)[CHAIN_STEPS],
    ),
    claim(
        "06-forward_process.md",
        "since $0.95^3 = 0.857375$",
        "因为 $0.95^3 = 0.857375$",
        "0.857375",
        || chain::alphas(0.95, 0.95, 3).unwrap().iter().product(),
    ),
    claim(
        "06-forward_process.md",
        "they differ only by a JS distance of 0.0003",
        "二者的 JS 距离只有 0.0003",
        "0.0003",
        || js_distance(&last(&chain(0.95, 3)), &last(&chain(0.857375, 1))),
    ),
    claim(
        "06-forward_process.md",
        "$\\bar{\\alpha}_T \\approx 0.0000404$",
        "$\\bar{\\alpha}_T \\approx 0.0000404$",
        "0.0000404",
        ddpm_alpha_bar,
    ),
    claim(
        "06-forward_process.md",
        "\\mathcal{N}(0.00635\\ x,\\ 0.99996) \\tag{4.9}",
        "\\mathcal{N}(0.00635\\ x,\\ 0.99996) \\tag{4.9}",
        "0.00635",
        || ddpm_alpha_bar().sqrt(),
    ),
    claim(
        "06-forward_process.md",
        "\\mathcal{N}(0.00635\\ x,\\ 0.99996) \\tag{4.9}",
        "\\mathcal{N}(0.00635\\ x,\\ 0.99996) \\tag{4.9}",
        "0.99996",
        || 1.0 - ddpm_alpha_bar(),
    ),
    claim(
        "06-forward_process.md",
        "\\sqrt{1-0.0000404}\\ \\epsilon = 0.00635\\ X + 0.99998\\ \\epsilon \\tag{4.10}",
        "\\sqrt{1-0.0000404}\\ \\epsilon = 0.00635\\ X + 0.99998\\ \\epsilon \\tag{4.10}",
        "0.99998",
        || (1.0 - ddpm_alpha_bar()).sqrt(),
    ),
    claim(
        "06-forward_process.md",
        "$\\sqrt{0.99996} \\approx 0.99998$",
        "$\\sqrt{0.99996} \\approx 0.99998$",
        "0.99998",
        || 0.99996f64.sqrt(),
    ),
    // Section 5, demo 3.2.
    claim(
        "08-backward_process.md",
        "the tail is off by a JS distance of 0.1656",
        "尾部分布的 JS 距离是 0.1656",
        "0.1656",
        || from_normal(CHAIN_ALPHA, CHAIN_STEPS)[CHAIN_STEPS],
    ),
    claim(
        "08-backward_process.md",
        "the restored $q(x)$ by only 0.0649",
        "恢复出的 $q(x)$ 只有 0.0649",
        "0.0649",
        || from_normal(CHAIN_ALPHA, CHAIN_STEPS)[0],
    ),
    claim(
        "08-backward_process.md",
        "\\sqrt{0.0000404}\\ X + \\sqrt{1-0.0000404}\\ \\epsilon = 0.00635\\ X + 0.99998\\ \\epsilon \\tag{5.5}",
        "\\sqrt{0.0000404}\\ X + \\sqrt{1-0.0000404}\\ \\epsilon = 0.00635\\ X + 0.99998\\ \\epsilon \\tag{5.5}",
        "0.0000404",
        ddpm_alpha_bar,
    ),
    claim(
        "08-backward_process.md",
        "\\epsilon = 0.00635\\ X + 0.99998\\ \\epsilon \\tag{5.5}",
        "\\epsilon = 0.00635\\ X + 0.99998\\ \\epsilon \\tag{5.5}",
        "0.00635",
        || ddpm_alpha_bar().sqrt(),
    ),
    claim(
        "08-backward_process.md",
        "\\epsilon = 0.00635\\ X + 0.99998\\ \\epsilon \\tag{5.5}",
        "\\epsilon = 0.00635\\ X + 0.99998\\ \\epsilon \\tag{5.5}",
        "0.99998",
        || (1.0 - ddpm_alpha_bar()).sqrt(),
    ),
    claim(
        "08-backward_process.md",
        "is about 157.41",
        "标准差约为 157.41",
        "157.41",
        || {
            let a = ddpm_alpha_bar();
            ((1.0 - a) / a).sqrt()
        },
    ),
    claim(
        "08-backward_process.md",
        "$\\bar{\\alpha}_7 = 0.25^7 \\approx 0.000061$",
        "$\\bar{\\alpha}_7 = 0.25^7 \\approx 0.000061$",
        "0.000061",
        || chain::alphas(0.25, 0.25, 7).unwrap().iter().product(),
    ),
    claim(
        "08-backward_process.md",
        "(a JS distance of 0.3502 with",
        "JS 距离为 0.3502）",
        "0.3502",
        || from_noise(0.25, 7)[7],
    ),
    claim(
        "08-backward_process.md",
        "its JS distance is 0.0005",
        "JS 距离为 0.0005",
        "0.0005",
        || from_noise(0.25, 7)[0],
    ),
    // Section 6, demo 3.3.
    claim(
        "10-fit_posterior.md",
        "restore $q(x)$ with a JS distance of 0.1029",
        "的 JS 距离为 0.1029",
        "0.1029",
        || fitted_js_x(CHAIN_ALPHA, CHAIN_STEPS),
    ),
    claim(
        "10-fit_posterior.md",
        "against 0.0649 with the exact posteriors",
        "而用精确后验时为 0.0649",
        "0.0649",
        || from_normal(CHAIN_ALPHA, CHAIN_STEPS)[0],
    ),
    claim(
        "10-fit_posterior.md",
        "the exact posteriors do better (0.0058)",
        "精确后验的结果变好了（0.0058）",
        "0.0058",
        || from_normal(0.8, CHAIN_STEPS)[0],
    ),
    claim(
        "10-fit_posterior.md",
        "the fitted ones do worse (0.1816)",
        "拟合后验的结果却变差了（0.1816）",
        "0.1816",
        || fitted_js_x(0.8, CHAIN_STEPS),
    ),
    // Section 7, demos 4.1, 4.2 and 3.2.
    claim(
        "12-posterior_transform.md",
        "$div_{in}$ is 0.1466",
        "$div_{in}$ 为 0.1466",
        "0.1466",
        || div(ALPHA_4_1).js_in,
    ),
    claim(
        "12-posterior_transform.md",
        "$div_{out}$ is 0.0749",
        "$div_{out}$ 为 0.0749",
        "0.0749",
        || div(ALPHA_4_1).js_out,
    ),
    claim(
        "12-posterior_transform.md",
        "at alpha 0.5 the same inputs end only 0.0272 apart",
        "alpha 为 0.5 时，同一对输入变换之后只相距 0.0272",
        "0.0272",
        || div(0.5).js_out,
    ),
    claim(
        "12-posterior_transform.md",
        "at the default alpha of 0.95 it reads about 0.992",
        "默认的 alpha 为 0.95 时约为 0.992",
        "0.992",
        || lambda2(ALPHA_4_1),
    ),
    claim(
        "12-posterior_transform.md",
        "at 0.5 about 0.586",
        "alpha 为 0.5 时约为 0.586",
        "0.586",
        || lambda2(0.5),
    ),
    claim(
        "12-posterior_transform.md",
        "at 0.1 about 0.186",
        "为 0.1 时约为 0.186",
        "0.186",
        || lambda2(0.1),
    ),
    claim(
        "12-posterior_transform.md",
        "the tail is 0.3027 away from $q(z_7)$",
        "尾部分布离 $q(z_7)$ 的距离是 0.3027",
        "0.3027",
        || from_noise(CHAIN_ALPHA, CHAIN_STEPS)[CHAIN_STEPS],
    ),
    claim(
        "12-posterior_transform.md",
        "the restored $q(x)$ only 0.1923 away from $q(x)$",
        "恢复出的 $q(x)$ 离 $q(x)$ 只有 0.1923",
        "0.1923",
        || from_noise(CHAIN_ALPHA, CHAIN_STEPS)[0],
    ),
    claim(
        "12-posterior_transform.md",
        "(anything up to 1,000,000)",
        "（最多 1,000,000）",
        "1,000,000",
        || MAX_ITERATE as f64,
    ),
    claim(
        "14-demo_4_2.md",
        "up to 1,000,000",
        "（最大 1,000,000）",
        "1,000,000",
        || MAX_ITERATE as f64,
    ),
    // Appendix C, figures C.1 and C.2.
    claim(
        "18-non_expanding.md",
        "falls from 0.575 between the inputs",
        "从输入之间的 0.575",
        "0.575",
        || c1().l1_in,
    ),
    claim(
        "18-non_expanding.md",
        "to 0.379 between the outputs",
        "降到了输出之间的 0.379",
        "0.379",
        || c1().l1_out,
    ),
    claim(
        "18-non_expanding.md",
        "two of the five rows mix signs",
        "五行中有两行正负混杂",
        "2",
        || c1().signs_agree.iter().filter(|a| !**a).count() as f64,
    ),
    claim(
        "18-non_expanding.md",
        "for $\\alpha=0.95$ and $\\alpha=0.99$",
        "对比 $\\alpha=0.95$ 与 $\\alpha=0.99$",
        "0.95",
        || C2_ALPHAS[0],
    ),
    claim(
        "18-non_expanding.md",
        "for $\\alpha=0.95$ and $\\alpha=0.99$",
        "对比 $\\alpha=0.95$ 与 $\\alpha=0.99$",
        "0.99",
        || C2_ALPHAS[1],
    ),
    claim(
        "18-non_expanding.md",
        "elements above $2^{-20}$",
        "大于 $2^{-20}$",
        "20",
        || -ef::LOG2_FLOOR,
    ),
    claim(
        "18-non_expanding.md",
        "34.0% of the matrix at $\\alpha=0.95$",
        "$\\alpha=0.95$ 时占整个矩阵的 34.0%",
        "34.0%",
        || c2_percent(C2_ALPHAS[0]),
    ),
    claim(
        "18-non_expanding.md",
        "only 17.3% at $\\alpha=0.99$",
        "$\\alpha=0.99$ 时只占 17.3%",
        "17.3%",
        || c2_percent(C2_ALPHAS[1]),
    ),
    // Appendix D, figures D.2-D.5.
    claim(
        "19-stationary.md",
        "there $\\sigma = 0.2$",
        "图中 $\\sigma = 0.2$",
        "0.2",
        || support(SupportCase::Communicating).sigma,
    ),
    claim(
        "19-stationary.md",
        "the gap between the two pieces is 0.3",
        "两块之间的空隙为 0.3",
        "0.3",
        || support(SupportCase::Communicating).gaps[0],
    ),
    claim(
        "19-stationary.md",
        "that is $1.5\\sigma$",
        "即 $1.5\\sigma$",
        "1.5",
        || gap_in_sigmas(SupportCase::Communicating),
    ),
    claim(
        "19-stationary.md",
        "the gap, 2.0 or $10\\sigma$",
        "空隙为 2.0",
        "2.0",
        || support(SupportCase::Separated).gaps[0],
    ),
    claim(
        "19-stationary.md",
        "the gap, 2.0 or $10\\sigma$",
        "即 $10\\sigma$",
        "10",
        || gap_in_sigmas(SupportCase::Separated),
    ),
    claim(
        "19-stationary.md",
        "With $\\alpha=1$, $\\beta=0.6$",
        "$\\alpha=1$、$\\beta=0.6$ 时",
        "0.6",
        || ef::D4_GENERAL.1,
    ),
    claim(
        "19-stationary.md",
        "With $\\alpha=0.6$, $\\beta=1-\\alpha$",
        "$\\alpha=0.6$、$\\beta=1-\\alpha$ 时",
        "0.6",
        || ef::D4_ALPHA,
    ),
    claim(
        "19-stationary.md",
        "roughly $1.29$ and $2.58$",
        "大约 $1.29$ 和 $2.58$",
        "1.29",
        || d4(ef::D4_Z[0]).centre,
    ),
    claim(
        "19-stationary.md",
        "roughly $1.29$ and $2.58$",
        "大约 $1.29$ 和 $2.58$",
        "2.58",
        || d4(ef::D4_Z[1]).centre,
    ),
    claim(
        "19-stationary.md",
        "with $\\alpha=0.36$ and $\\beta=0.0036$",
        "其中 $\\alpha=0.36$、$\\beta=0.0036$",
        "0.36",
        || d5().alpha,
    ),
    claim(
        "19-stationary.md",
        "with $\\alpha=0.36$ and $\\beta=0.0036$",
        "其中 $\\alpha=0.36$、$\\beta=0.0036$",
        "0.0036",
        || d5().beta,
    ),
    claim(
        "19-stationary.md",
        "so that $\\sigma=0.1$",
        "因而 $\\sigma=0.1$",
        "0.1",
        || d5().sigma,
    ),
    claim(
        "19-stationary.md",
        "$g(x)$ for $z=6$",
        "$z=6$ 时的 $g(x)$",
        "6",
        || d5().z,
    ),
    claim(
        "19-stationary.md",
        "sits at $10$",
        "中心落在 $10$",
        "10",
        || d5().centre,
    ),
    claim(
        "19-stationary.md",
        "a distance of $4$ or $40\\sigma$",
        "离 $x=6$ 有 $4$",
        "4",
        || d5().deviation,
    ),
    claim(
        "19-stationary.md",
        "a distance of $4$ or $40\\sigma$",
        "也就是 $40\\sigma$",
        "40",
        || {
            let d = d5();
            d.deviation / d.sigma
        },
    ),
    claim(
        "19-stationary.md",
        "that $q(x=6|z=6)=0$",
        "以致 $q(x=6|z=6)=0$",
        "0",
        || d5().posterior_at_z,
    ),
];

/// Precise numbers the text gives as settings to try, not as results: demo 2's
/// extreme alphas and DDPM's schedule endpoint.
const SETTINGS: &[&str] = &["0.001", "0.999", "0.0001"];

fn content(lang: &str, file: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../content")
        .join(lang)
        .join(file);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `value` printed as `shown` is printed: the same decimals, a trailing `%`,
/// thousands separators.
fn print_like(value: f64, shown: &str) -> String {
    let percent = shown.ends_with('%');
    let core = shown.trim_end_matches('%');
    let decimals = core.split_once('.').map_or(0, |(_, d)| d.len());
    let mut s = format!("{value:.decimals$}");
    if core.contains(',') {
        let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
        let digits: Vec<char> = int.chars().collect();
        let mut grouped = String::new();
        for (i, c) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(*c);
        }
        if !frac.is_empty() {
            grouped.push('.');
            grouped.push_str(frac);
        }
        s = grouped;
    }
    if percent {
        s.push('%');
    }
    s
}

#[test]
fn printing_follows_the_shown_number() {
    assert_eq!(print_like(0.16560, "0.1656"), "0.1656");
    assert_eq!(print_like(0.000490, "0.0005"), "0.0005");
    assert_eq!(print_like(33.957, "34.0%"), "34.0%");
    assert_eq!(print_like(1e6, "1,000,000"), "1,000,000");
    assert_eq!(print_like(9.9999, "10"), "10");
    assert_eq!(print_like(0.37949, "0.379"), "0.379");
}

/// Small whole numbers as the prose spells them out.
const SPELLED: [(&str, &str, &str); 3] = [
    ("2", "two", "两"),
    ("3", "three", "三"),
    ("5", "five", "五"),
];

/// Whether `snippet` states `shown`, in digits or (small whole numbers) in words.
fn carries(snippet: &str, shown: &str, lang: &str) -> bool {
    snippet.contains(shown)
        || SPELLED.iter().any(|&(digits, en, zh)| {
            digits == shown && snippet.contains(if lang == "en" { en } else { zh })
        })
}

#[test]
fn every_stated_number_is_the_engines() {
    let mut wrong = Vec::new();
    for c in CLAIMS {
        for (lang, snippet) in [("en", c.en), ("zh", c.zh)] {
            assert!(
                carries(snippet, c.shown, lang),
                "{lang}/{}: the snippet {snippet:?} does not carry {}",
                c.file,
                c.shown
            );
            assert!(
                content(lang, c.file).contains(snippet),
                "{lang}/{}: {snippet:?} is not in the text",
                c.file
            );
        }
        let value = (c.value)();
        let printed = print_like(value, c.shown);
        eprintln!("{:<26} {:>10}  engine {value:.6}", c.file, c.shown);
        if printed != c.shown {
            wrong.push(format!(
                "{}: the text says {}, the engine gives {value} ({printed})",
                c.file, c.shown
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The precise numbers of a text: runs of digits with three or more
/// decimals, a percentage, or thousands separators.
fn precise_numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && (chars[j].is_ascii_digit() || matches!(chars[j], '.' | ',' | '%'))
        {
            j += 1;
        }
        let token: String = chars[i..j].iter().collect();
        let token = token.trim_end_matches(['.', ',']).to_owned();
        let decimals = token
            .trim_end_matches('%')
            .split_once('.')
            .map_or(0, |(_, d)| d.len());
        let grouped = token.contains(',') && token.split(',').skip(1).all(|g| g.len() == 3);
        if decimals >= 3 || token.ends_with('%') || grouped {
            out.push(token);
        }
        i = j;
    }
    out
}

#[test]
fn both_languages_state_the_same_precise_numbers_and_each_is_checked() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content/en");
    let mut files: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".md") && !f.ends_with("-reference.md"))
        .collect();
    files.sort();
    assert!(files.len() >= 20);
    let mut problems = Vec::new();
    for file in &files {
        let mut per_lang = BTreeMap::new();
        for lang in ["en", "zh"] {
            let mut numbers = precise_numbers(&content(lang, file));
            for n in &numbers {
                let claimed = CLAIMS.iter().any(|c| c.file == file && c.shown == n);
                if !claimed && !SETTINGS.contains(&n.as_str()) {
                    problems.push(format!(
                        "{lang}/{file}: {n} is neither a claim nor a setting"
                    ));
                }
            }
            numbers.sort();
            per_lang.insert(lang, numbers);
        }
        if per_lang["en"] != per_lang["zh"] {
            problems.push(format!(
                "{file}: en states {:?}, zh states {:?}",
                per_lang["en"], per_lang["zh"]
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_scan_finds_precise_numbers_only() {
    assert_eq!(
        precise_numbers("eq. 4.8, alpha 0.98, JS 0.1656, 34.0% and 1,000,000 (x2.5) 0.0005."),
        ["0.1656", "34.0%", "1,000,000", "0.0005"]
    );
}
