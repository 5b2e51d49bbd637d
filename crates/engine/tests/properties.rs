//! Properties the article's mathematics guarantees for every seed and alpha,
//! not only the golden ones: q(x) is a pdf, posterior columns are
//! distributions, the posterior transform contracts (Appendix C), lambda2 < 1
//! (Appendix D), and every public function refuses bad parameters with a
//! typed error instead of panicking.
//!
//! Case counts are modest so the file runs in seconds in the dev profile;
//! `PROPTEST_CASES=1000 cargo test -p dpm-engine --test properties` runs
//! every property that many times.
mod common;
use common::Product;
use dpm_engine::chain::{self, Chain, MAX_STEPS};
use dpm_engine::contraction::{self, data_for_seed, SymmetricForm};
use dpm_engine::converge::{self, PowerIteration, MAX_ITERATE};
use dpm_engine::data::{self, is_special_seed, MAX_MODAL_COUNT, MODAL_COUNTS};
use dpm_engine::divergence::{js_distance, kl_divergence, total_variation};
use dpm_engine::error::{check_alpha, check_seed};
use dpm_engine::grid::{self, N, RES};
use dpm_engine::posterior::{self, column_normalised, gauss_fun, ForwardStep, DIV_EPS};
use dpm_engine::rng::LegacyRandom;
use dpm_engine::{fit, spectral, transform, EngineError};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use std::sync::OnceLock;

/// `cases` cases unless `PROPTEST_CASES` asks for more (or fewer), from a
/// fixed seed unless `PROPTEST_RNG_SEED` gives one: the same cases on every
/// run, so CI never flakes, and no regression files written beside the source.
fn cases(cases: u32) -> ProptestConfig {
    let base = ProptestConfig::default();
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(cases);
    let rng_seed = match base.rng_seed {
        RngSeed::Random => RngSeed::Fixed(0x00d1_ff05_10a1),
        chosen => chosen,
    };
    ProptestConfig {
        cases,
        rng_seed,
        failure_persistence: None,
        ..base
    }
}

/// Any seed, with the special seeds (gapped support, one narrow Gaussian)
/// drawn often enough to be seen.
fn any_seed() -> impl Strategy<Value = u32> {
    prop_oneof![
        3 => any::<u32>(),
        1 => prop_oneof![Just(16002u32), Just(16003u32), 17270u32..17730],
    ]
}

fn modal_count() -> impl Strategy<Value = usize> {
    prop_oneof![prop::sample::select(MODAL_COUNTS.to_vec()), 1usize..=40]
}

/// NaN, infinities, and values at or beyond both ends of (0, 1).
fn bad_alpha() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        Just(1.0),
        Just(f64::MAX),
        Just(f64::MIN),
        -1e6f64..=0.0,
        1.0f64..1e6,
    ]
}

/// A slice length other than `n`.
fn wrong_len(n: usize) -> impl Strategy<Value = usize> {
    (0..2 * n).prop_filter("not the right length", move |&l| l != n)
}

fn is_alpha_error(e: &EngineError) -> bool {
    matches!(
        e,
        EngineError::NotFinite { param } | EngineError::OutOfRange { param, .. }
            if param.contains("alpha")
    )
}

fn is_bad_length(e: &EngineError) -> bool {
    matches!(e, EngineError::BadLength { .. })
}

/// One step, one chain and one power iteration, built once for the
/// error-path properties that need an existing object.
struct Fixture {
    q: Vec<f64>,
    step: ForwardStep,
    chain: Chain,
    power: PowerIteration,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let (_, q) = data_for_seed(100).unwrap();
        let step = ForwardStep::new(&q, 0.95).unwrap();
        let chain = Chain::new(&q, &[0.9]).unwrap();
        let power = PowerIteration::new(&q, &step).unwrap();
        Fixture {
            q,
            step,
            chain,
            power,
        }
    })
}

fn column_sums(m: &[f64]) -> Vec<f64> {
    let mut s = vec![0.0; N];
    for row in m.chunks_exact(N) {
        for (a, &v) in s.iter_mut().zip(row) {
            *a += v;
        }
    }
    s
}

// ---- q(x) ------------------------------------------------------------------

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn mixtures_are_non_negative_pdfs_that_integrate_to_one(
        seed in any::<u32>(), shape in 0u32..4, count in modal_count()
    ) {
        let q = data::mixture(seed, shape, count).unwrap();
        prop_assert_eq!(q.len(), N);
        // The 1e-8 floor keeps every value strictly positive.
        prop_assert!(q.iter().all(|&v| v.is_finite() && v > 0.0));
        prop_assert!((data::integral(&q) - 1.0).abs() < 1e-12, "integral {}", data::integral(&q));
    }

    #[test]
    fn hijacked_pdfs_are_non_negative_and_equal_the_mixture_for_ordinary_seeds(
        seed in any_seed(), shape in 0u32..4, count in modal_count()
    ) {
        let h = data::hijacked(seed, shape, count).unwrap();
        prop_assert_eq!(h.len(), N);
        prop_assert!(h.iter().all(|&v| v.is_finite() && v >= 0.0));
        if !is_special_seed(seed) {
            prop_assert_eq!(&h, &data::mixture(seed, shape, count).unwrap());
        }
        let n = data::hijacked_normalised(seed, shape, count).unwrap();
        prop_assert!(n.iter().all(|&v| v.is_finite() && v >= 0.0));
        prop_assert!((data::integral(&n) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn demo_1_transforms_keep_pdfs_non_negative(
        seed in any::<u32>(), al in 0.3f64..0.999, an in 0.3f64..0.999
    ) {
        let q = data::mixture(seed, 0, 16).unwrap();
        let out = transform::demo_1(&q, al, an).unwrap();
        for v in [&out.linear, &out.noise, &out.both] {
            prop_assert_eq!(v.len(), N);
            prop_assert!(v.iter().all(|&p| p.is_finite() && p >= 0.0));
        }
    }

    #[test]
    fn js_distance_is_symmetric_and_bounded_by_sqrt_ln_2(
        s1 in any::<u32>(), s2 in any::<u32>(), sh1 in 0u32..4, sh2 in 0u32..4
    ) {
        let p = data::mixture(s1, sh1, 16).unwrap();
        let q = data::mixture(s2, sh2, 16).unwrap();
        let (a, b) = (js_distance(&p, &q), js_distance(&q, &p));
        prop_assert!((a - b).abs() < 1e-12);
        prop_assert!((0.0..=core::f64::consts::LN_2.sqrt() + 1e-12).contains(&a));
        prop_assert!(js_distance(&p, &p) < 1e-7);
    }
}

// ---- the posterior (461 x 461) ---------------------------------------------

proptest! {
    #![proptest_config(cases(16))]

    /// Eq. 3.1: each column q(x | z_j) is a distribution over x, up to the
    /// 1e-10 the original adds to q(z_j): `sum_i q(x_i|z_j) res = q_z / (q_z + 1e-10)`.
    #[test]
    fn posterior_columns_are_distributions_over_x(
        seed in any_seed(), shape in 0u32..4, alpha in prop_oneof![0.001f64..0.999, 0.999f64..0.99999999]
    ) {
        let q = data::hijacked_normalised(seed, shape, 16).unwrap();
        let step = ForwardStep::new(&q, alpha).unwrap();
        prop_assert!(step.posterior().iter().all(|&v| v.is_finite() && v >= 0.0));
        prop_assert!((data::integral(step.q_z()) - 1.0).abs() < 1e-9);
        let raw = column_sums(step.posterior());
        for (j, s) in column_sums(&column_normalised(step.posterior())).into_iter().enumerate() {
            // A column whose sum is subnormal comes out NaN: a known engine
            // issue, see `column_normalised_keeps_a_subnormal_column_finite`.
            if raw[j] > 0.0 && raw[j] < f64::MIN_POSITIVE {
                continue;
            }
            prop_assert!(s == 0.0 || (s - 1.0).abs() < 1e-12, "normalised column {} sums to {}", j, s);
        }
        for (j, s) in raw.into_iter().enumerate() {
            let qz = step.q_z()[j];
            if qz > 1e-6 {
                let want = qz / (qz + DIV_EPS);
                prop_assert!((s * RES - want).abs() < 1e-9, "column {} sums to {} (q_z {})", j, s * RES, qz);
                prop_assert!((s * RES - 1.0).abs() <= 1e-10 / qz + 1e-9);
            }
        }
    }

    /// Appendix C: the posterior transform is a Markov kernel, so by the data
    /// processing inequality it brings any two inputs no further apart in
    /// total variation or KL. q(x) here is an ordinary mixture: its 1e-8
    /// floor keeps q(z) far above the 1e-10 of eq. 3.1, so no column loses
    /// mass. A special seed's q(x) breaks this: where q(z) << 1e-10 a column
    /// drops the input's mass (seed 17275 at alpha 0.999 takes a TV of 0.52
    /// to 0.96), and KL meets underflowed zeros.
    #[test]
    fn posterior_transform_never_increases_tv_or_kl(
        seed in any::<u32>(), shape in 0u32..4, alpha in 0.05f64..0.9999,
        s1 in any::<u32>(), s2 in any::<u32>(), sh1 in 0u32..4, sh2 in 0u32..4,
        c1 in modal_count(), c2 in modal_count()
    ) {
        prop_assume!(!is_special_seed(seed));
        let q = data::mixture(seed, shape, 16).unwrap();
        let step = ForwardStep::new(&q, alpha).unwrap();
        let p1 = data::mixture(s1, sh1, c1).unwrap();
        let p2 = data::mixture(s2, sh2, c2).unwrap();
        let (mut o1, mut o2) = (vec![0.0; N], vec![0.0; N]);
        step.apply_posterior(&p1, &mut o1);
        step.apply_posterior(&p2, &mut o2);
        let slack = 1e-9;
        let (tv_in, tv_out) = (total_variation(&p1, &p2), total_variation(&o1, &o2));
        prop_assert!(tv_out <= tv_in + slack, "TV {} -> {}", tv_in, tv_out);
        let (kl_in, kl_out) = (kl_divergence(&p1, &p2), kl_divergence(&o1, &o2));
        prop_assert!(kl_out <= kl_in + slack, "KL {} -> {}", kl_in, kl_out);
        let (kl_in, kl_out) = (kl_divergence(&p2, &p1), kl_divergence(&o2, &o1));
        prop_assert!(kl_out <= kl_in + slack, "reverse KL {} -> {}", kl_in, kl_out);
    }

    /// Appendix D: for an ordinary q(x) the column-normalised posterior is a
    /// positive Markov matrix, so its second eigenvalue lies in (0, 1).
    #[test]
    fn lambda2_lies_strictly_between_0_and_1(seed in any::<u32>(), alpha in 0.5f64..=0.99) {
        prop_assume!(!is_special_seed(seed));
        let (_, q) = data_for_seed(seed).unwrap();
        let step = ForwardStep::new(&q, alpha).unwrap();
        let l2 = contraction::lambda2(&q, &step).unwrap();
        prop_assert!(l2 > 0.0 && l2 < 1.0, "lambda2 = {}", l2);
    }
}

// ---- demo 4.2: powers of the column-normalised posterior -------------------

proptest! {
    // Each case runs 5,000 dense products: a few cases only.
    #![proptest_config(cases(6))]

    /// `Q̂` is a Markov matrix: every displayed iterate of an input that
    /// integrates to 1 still does (the posterior as it is loses mass where
    /// q(z) is tiny), and `Q̂^n z` is `Q̂ (Q̂ (... z))` for every n up to 5,000.
    #[test]
    fn powers_of_q_hat_keep_the_mass_and_match_repeated_products(
        seed in prop_oneof![2 => any_seed(), 1 => prop_oneof![Just(16003u32), Just(17650u32)]],
        alpha in 0.9f64..=0.999,
        z_seed in any::<u32>(),
    ) {
        let (_, q) = data_for_seed(seed).unwrap();
        let step = ForwardStep::new(&q, alpha).unwrap();
        let power = PowerIteration::new(&q, &step).unwrap();
        let z = converge::fixed_point_input(z_seed).unwrap();
        prop_assert!((data::integral(&z) - 1.0).abs() <= 1e-12);
        for it in converge::iterate(&power, &q, &z, MAX_ITERATE).unwrap() {
            let mass = data::integral(&it.q);
            prop_assert!((mass - 1.0).abs() <= 1e-9, "n = {}: mass {}", it.n, mass);
        }
        let t = converge::transition(&q, &step).unwrap();
        let counts: Vec<u64> = (1..=5000).collect();
        let fast = power.apply_powers(&z, &counts).unwrap();
        let t = Product::new(&t);
        let mut cur = z;
        for (n, got) in counts.iter().zip(&fast) {
            cur = t.apply(&cur);
            let d = got.iter().zip(&cur).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
            prop_assert!(d <= 1e-9, "n = {}: {:e}", n, d);
            let mass = data::integral(got);
            prop_assert!((mass - 1.0).abs() <= 1e-9, "n = {}: mass {}", n, mass);
        }
    }
}

// ---- refusals: typed errors, never a panic ---------------------------------

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn every_function_taking_an_alpha_refuses_a_bad_one(a in bad_alpha()) {
        let f = fixture();
        let q = &f.q;
        let mut out = vec![0.0; N];
        let errors = [
            check_alpha("alpha", a).unwrap_err(),
            transform::linear(q, a).unwrap_err(),
            transform::add_noise(q, a).unwrap_err(),
            transform::add_noise_into(q, a, &mut out).unwrap_err(),
            transform::demo_1(q, a, 0.5).unwrap_err(),
            transform::demo_1(q, 0.5, a).unwrap_err(),
            ForwardStep::new(q, a).unwrap_err(),
            ForwardStep::posterior_only(q, a).unwrap_err(),
            f.step.clone().compute(q, a).unwrap_err(),
            gauss_fun(a, 0.2).unwrap_err(),
            chain::alphas(a, 0.5, 3).unwrap_err(),
            chain::alphas(0.5, a, 3).unwrap_err(),
            Chain::new(q, &[0.5, a]).unwrap_err(),
            Chain::start(q, &[a]).unwrap_err(),
        ];
        for (k, e) in errors.iter().enumerate() {
            prop_assert!(is_alpha_error(e), "call {}: {:?}", k, e);
        }
    }

    #[test]
    fn chains_refuse_0_or_too_many_steps(steps in prop_oneof![Just(0usize), MAX_STEPS + 1..=usize::MAX]) {
        let q = &fixture().q;
        let e = chain::alphas(0.5, 0.9, steps).unwrap_err();
        prop_assert!(matches!(e, EngineError::OutOfRange { param: "steps", .. }), "{:?}", e);
        let alphas = vec![0.9; steps.min(MAX_STEPS + 1)];
        let e = Chain::new(q, &alphas).unwrap_err();
        prop_assert!(matches!(e, EngineError::OutOfRange { param: "steps", .. }), "{:?}", e);
        let e = Chain::start(q, &alphas).unwrap_err();
        prop_assert!(matches!(e, EngineError::OutOfRange { param: "steps", .. }), "{:?}", e);
    }

    #[test]
    fn data_refuses_a_shape_type_above_3(seed in any::<u32>(), shape in 4u32..=u32::MAX) {
        for e in [
            data::mixture(seed, shape, 16).unwrap_err(),
            data::hijacked(seed, shape, 16).unwrap_err(),
            data::hijacked_normalised(seed, shape, 16).unwrap_err(),
        ] {
            prop_assert!(matches!(e, EngineError::OutOfRange { param: "shape_type", .. }), "{:?}", e);
        }
    }

    #[test]
    fn data_refuses_modal_count_0_or_too_many(
        seed in any_seed(), count in prop_oneof![Just(0usize), MAX_MODAL_COUNT + 1..=usize::MAX]
    ) {
        for e in [
            data::mixture(seed, 0, count).unwrap_err(),
            data::hijacked(seed, 0, count).unwrap_err(),
            data::hijacked_normalised(seed, 0, count).unwrap_err(),
        ] {
            prop_assert!(matches!(e, EngineError::OutOfRange { param: "modal_count", .. }), "{:?}", e);
        }
    }

    #[test]
    fn other_ranges_are_refused(
        ratio in prop_oneof![Just(f64::NAN), Just(f64::INFINITY), -1e6f64..-1e-12, 1.0 + 1e-12..1e6],
        n in MAX_ITERATE + 1..=u64::MAX,
        seed in prop_oneof![Just(f64::NAN), Just(f64::NEG_INFINITY), -1e12f64..-0.5, 4294967296.0f64..1e300, 0.1f64..0.9],
        z in prop_oneof![Just(f64::NAN), Just(f64::INFINITY), Just(f64::NEG_INFINITY)],
    ) {
        prop_assert!(chain::noisy_tail(200, ratio).is_err());
        prop_assert!(converge::displayed_counts(n).is_err());
        prop_assert!(converge::iterate(&fixture().power, &fixture().q, &fixture().q, n).is_err());
        prop_assert!(fixture().power.apply_power(&fixture().q, n).is_err());
        prop_assert!(fixture().power.apply_powers(&fixture().q, &[1, n]).is_err());
        prop_assert!(check_seed("seed", seed).is_err());
        prop_assert!(gauss_fun(0.5, z).is_err());
        prop_assert_eq!(grid::index_of(z), None);
    }

    #[test]
    fn every_function_taking_a_grid_slice_refuses_a_wrong_length(len in wrong_len(N)) {
        let f = fixture();
        let (q, bad) = (&f.q, vec![0.1; len]);
        let mut out = vec![0.0; N];
        let mut bad_out = vec![0.0; len];
        let errors = [
            transform::linear(&bad, 0.5).unwrap_err(),
            transform::add_noise(&bad, 0.5).unwrap_err(),
            transform::add_noise_into(&bad, 0.5, &mut out).unwrap_err(),
            transform::add_noise_into(q, 0.5, &mut bad_out).unwrap_err(),
            transform::demo_1(&bad, 0.5, 0.5).unwrap_err(),
            ForwardStep::new(&bad, 0.5).unwrap_err(),
            ForwardStep::posterior_only(&bad, 0.5).unwrap_err(),
            f.step.clone().compute(&bad, 0.5).unwrap_err(),
            Chain::new(&bad, &[0.5]).unwrap_err(),
            Chain::start(&bad, &[0.5]).unwrap_err(),
            f.chain.restore(&bad).unwrap_err(),
            fit::fit_gaussian(&bad).unwrap_err(),
            fit::fit_posterior(&bad).unwrap_err(),
            SymmetricForm::new(&bad, &f.step, true).unwrap_err(),
            contraction::lambda2(&bad, &f.step).unwrap_err(),
            PowerIteration::new(&bad, &f.step).err().expect("refused"),
            converge::transition(&bad, &f.step).unwrap_err(),
            f.power.apply_power(&bad, 3).unwrap_err(),
            f.power.apply_power(&bad, 100).unwrap_err(),
            f.power.apply_powers(&bad, &[1, 100]).unwrap_err(),
            converge::iterate(&f.power, q, &bad, 3).unwrap_err(),
        ];
        for (k, e) in errors.iter().enumerate() {
            prop_assert!(is_bad_length(e), "call {}: {:?}", k, e);
        }
    }

    /// Functions without a `Result` take any slices and any index without
    /// panicking (they read what is there).
    #[test]
    fn functions_without_a_result_never_panic(
        l1 in 0..2 * N, l2 in 0..2 * N, i in any::<usize>(), v in any::<f64>(), w in any::<f64>()
    ) {
        let f = fixture();
        let (a, b) = (vec![0.3; l1], vec![0.7; l2]);
        let mut out = vec![0.0; l2];
        let _ = column_normalised(&a);
        posterior::apply(&a, &b, &mut out);
        let _ = chain::restore_with(&[a.as_slice()], &b);
        let _ = chain::js_per_step(std::slice::from_ref(&a), std::slice::from_ref(&b));
        let _ = (js_distance(&a, &b), kl_divergence(&a, &b), total_variation(&a, &b));
        let _ = data::integral(&a);
        grid::normalise(&mut out);
        grid::gaussian_kernel(v, w, &mut out);
        let _ = (grid::x(i), grid::index_of(v));
        let _ = f.step.likelihood_row(&a, i);
        let _ = f.step.likelihood_row(&f.q, i % (N + 2));
        let _ = f.step.likelihood(&a);
        f.step.apply_posterior(&a, &mut out);
        let _ = data_for_seed(i as u32);
        let _ = contraction::two_inputs(i as u32).unwrap();
        let _ = converge::fixed_point_input(i as u32).unwrap();
        let _ = converge::displayed_counts((i as u64) % (MAX_ITERATE + 1)).unwrap();
        let mut rng = LegacyRandom::new(i as u32);
        let _ = rng.choice::<u8>(&[]);
        let lo = (v as i64).clamp(-(1 << 40), 1 << 40);
        let _ = rng.randint(lo, lo.saturating_add(w as i64 % (1 << 40)));
    }
}

#[test]
fn a_hand_made_default_step_gives_answers_not_panics() {
    let f = fixture();
    let step = ForwardStep::default();
    let _ = contraction::lambda2(&f.q, &step);
    let _ = contraction::contraction(&step, 7);
    let _ = step.posterior_column(0);
    let _ = step.likelihood(&f.q);
}

// ---- known engine issues: failing cases, ignored until fixed ----------------
// Each documents a public function that panics on an input; un-ignore it with
// the fix.

/// `posterior_column(j)` indexes `posterior[i * N + j]` without checking j:
/// j >= N reads past the matrix (index out of bounds). `likelihood_row`
/// returns zeros for an index off the grid; `posterior_column` should too.
#[test]
fn posterior_column_off_the_grid_does_not_panic() {
    let col = fixture().step.posterior_column(N);
    assert_eq!(col, vec![0.0; N]);
}

/// `randint` computes `high - low` in i64: for ranges wider than i64::MAX
/// that overflows (a panic in debug builds, a wrong answer in release).
#[test]
fn randint_over_the_whole_i64_range_does_not_panic() {
    let mut rng = LegacyRandom::new(1);
    let _ = rng.randint(i64::MIN, i64::MAX);
}

/// `leading_eigenpairs` indexes `mask[i]` for every grid index: a mask
/// shorter than N panics.
#[test]
fn leading_eigenpairs_with_a_short_mask_does_not_panic() {
    let s = vec![0.0; N * N];
    let _ = spectral::leading_eigenpairs(&s, &[], Some(&[1.0, 1.0]), 4);
}

/// `column_normalised` multiplies by `1 / sum`: a column whose sum is
/// subnormal (alpha near 1 and a gap in the support: far in the gap q(z) is
/// ~1e-320) has an infinite reciprocal, and the column becomes NaN and inf.
/// Dividing by the sum, as NumPy's `P / P.sum(0)` does, keeps it finite.
#[test]
fn column_normalised_keeps_a_subnormal_column_finite() {
    let q = data::hijacked_normalised(16003, 0, 16).unwrap();
    let step = ForwardStep::new(&q, 0.9997056608342257).unwrap();
    let k = column_normalised(step.posterior());
    let bad = k.iter().filter(|v| !v.is_finite()).count();
    assert_eq!(bad, 0, "{bad} non-finite entries");
}

// ---- no sequence of public calls panics -------------------------------------

/// Odd values: NaN, infinities, negatives, zeros, huge, tiny and ordinary
/// ones.
fn odd_value() -> impl Strategy<Value = f64> {
    prop_oneof![bad_alpha(), Just(f64::MIN_POSITIVE), 0.0f64..10.0]
}

/// Slices of the wrong length (empty, short, long) or of the grid's length,
/// filled with ordinary values or with odd ones.
fn odd_slice() -> impl Strategy<Value = Vec<f64>> {
    let len = prop_oneof![
        Just(0usize),
        Just(1),
        Just(N - 1),
        Just(N),
        Just(N + 1),
        Just(2 * N)
    ];
    (len, odd_value(), any::<bool>()).prop_map(|(n, v, all)| {
        (0..n)
            .map(|i| {
                if all || i % 7 == 3 {
                    v
                } else {
                    grid::normal_pdf(grid::x(i), 0.0, 0.5)
                }
            })
            .collect()
    })
}

/// Any alpha: valid ones and the bad ones.
fn any_alpha() -> impl Strategy<Value = f64> {
    prop_oneof![0.001f64..0.999, Just(0.99999999), bad_alpha()]
}

/// Counts from none to far beyond every limit.
fn any_count() -> impl Strategy<Value = u64> {
    prop_oneof![
        Just(0u64),
        1u64..30,
        Just(MAX_ITERATE),
        Just(MAX_ITERATE + 1),
        Just(u64::MAX)
    ]
}

/// A model made at `start`, updated with each of `bad` (each refused), then
/// with `good` (accepted), and a fresh model made at `good`.
fn bad_then_good<M, P, C>(
    (new, update): (
        impl Fn(&P) -> Result<M, EngineError>,
        impl Fn(&mut M, &P) -> Result<C, EngineError>,
    ),
    start: &P,
    bad: &[P],
    good: &P,
) -> Result<(M, M), TestCaseError> {
    let mut model = new(start).unwrap();
    for b in bad {
        prop_assert!(update(&mut model, b).is_err());
    }
    prop_assert!(update(&mut model, good).is_ok());
    Ok((model, new(good).unwrap()))
}

/// A valid step to pair with odd inputs.
fn good_step() -> &'static (Vec<f64>, ForwardStep) {
    static STEP: OnceLock<(Vec<f64>, ForwardStep)> = OnceLock::new();
    STEP.get_or_init(|| {
        let (_, q) = data_for_seed(100).unwrap();
        let step = ForwardStep::new(&q, 0.95).unwrap();
        (q, step)
    })
}

proptest! {
    #![proptest_config(cases(24))]

    /// Every call on a step, a default (never computed) step and the
    /// distances returns a value or an error, whatever the inputs.
    #[test]
    fn step_calls_never_panic(
        q in odd_slice(),
        z in odd_slice(),
        alpha in any_alpha(),
        i in prop_oneof![0usize..N, Just(N), Just(usize::MAX)],
    ) {
        let mut out = vec![0.0; N];
        let fresh = ForwardStep::default();
        let (good_q, good) = good_step();
        let mut reused = good.clone();
        let _ = reused.compute(&q, alpha);
        for step in [&fresh, good, &reused] {
            let _ = step.posterior_column(i);
            let _ = step.likelihood_row(&q, i);
            let _ = step.likelihood(&q);
            step.apply_posterior(&z, &mut out);
            let _ = SymmetricForm::new(&q, step, true);
            let _ = converge::transition(&q, step);
            let _ = contraction::contraction(step, i as u32);
        }
        if q.len() != N {
            prop_assert!(contraction::lambda2(&q, good).is_err());
            prop_assert!(PowerIteration::new(&q, good).is_err());
        }
        prop_assert!(contraction::lambda2(good_q, &fresh).is_err());
        prop_assert!(PowerIteration::new(good_q, &fresh).is_err());
        let _ = ForwardStep::new(&q, alpha);
        let _ = ForwardStep::posterior_only(&q, alpha);
        let _ = posterior::gauss_fun(alpha, z.first().copied().unwrap_or(f64::NAN));
        let _ = column_normalised(&z);
        let mut o = vec![0.0; z.len()];
        posterior::apply(&q, &z, &mut o);
        let _ = (js_distance(&q, &z), kl_divergence(&q, &z), total_variation(&q, &z));
        let _ = transform::demo_1(&q, alpha, alpha);
        let _ = fit::fit_gaussian(&q);
        let _ = grid::index_of(z.first().copied().unwrap_or(f64::NAN));
    }

    /// Chains with odd inputs, restorations through odd tails and odd
    /// posteriors, and a fitted restoration stepped with the wrong chain.
    #[test]
    fn chain_calls_never_panic(
        q in odd_slice(),
        tail in odd_slice(),
        alphas in prop::collection::vec(any_alpha(), 0..4),
        steps in prop_oneof![0usize..4, Just(MAX_STEPS + 1), Just(usize::MAX)],
        ratio in prop_oneof![odd_value(), 0.0f64..1.0],
        seed in any::<u32>(),
    ) {
        let _ = chain::alphas(alphas.first().copied().unwrap_or(0.5), 0.9, steps);
        let _ = chain::noisy_tail(seed, ratio);
        if let Ok(mut c) = Chain::start(&q, &alphas) {
            while let Ok(true) = c.step() {}
            let _ = c.restore(&tail);
            let _ = chain::js_per_step(c.forward(), std::slice::from_ref(&tail));
        }
        let short: Vec<&[f64]> = vec![&q, &tail];
        let _ = chain::restore_with(&short, &tail);
        let (good_q, _) = good_step();
        let one = Chain::new(good_q, &[0.9]).unwrap();
        let none = Chain::start(good_q, &[0.9, 0.95]).unwrap();
        let mut r = dpm_engine::demos::demo_3::FittedRestoration::start(&one);
        prop_assert!(r.step(&none).is_err());
        prop_assert!(r.step(&one).is_ok());
        let _ = r.step(&none);
        let _ = (r.is_restored(usize::MAX), r.restored());
    }

    /// Demo 4.2's powers with odd inputs and counts.
    #[test]
    fn power_calls_never_panic(z in odd_slice(), n in any_count(), seed in any::<u32>()) {
        static POWER: OnceLock<PowerIteration> = OnceLock::new();
        let (good_q, good) = good_step();
        let power = POWER.get_or_init(|| PowerIteration::new(good_q, good).unwrap());
        let _ = power.apply_power(&z, n);
        let _ = power.apply_powers(&z, &[n, 3, 0]);
        let _ = converge::iterate(power, &z, &z, n);
        let _ = converge::iterate(power, good_q, &z, n.min(30));
        let _ = converge::displayed_counts(n);
        let _ = converge::fixed_point_input(seed);
        if n < 3 {
            let _ = power.power_matrix(n);
        }
    }

    /// The figures' grids, mixtures and transforms with odd inputs.
    #[test]
    fn figure_calls_never_panic(
        q in odd_slice(),
        lo in odd_value(),
        n in prop_oneof![0usize..4, Just(N), Just(usize::MAX)],
        a in odd_value(),
        b in odd_value(),
        power in any_count(),
        shape in prop_oneof![0u32..4, Just(4), Just(u32::MAX)],
        count in prop_oneof![0usize..3, Just(MAX_MODAL_COUNT + 1), Just(usize::MAX)],
    ) {
        use dpm_engine::figures::{self as fig, Grid, Mixture};
        let _ = Grid::new(-lo, lo, n).map(|g| (g.points(), g.nearest(a)));
        let _ = Mixture::new(q.clone(), vec![a; q.len() / 2], vec![b; q.len()])
            .map(|m| (m.pdf(a), m.on_grid(&fig::WIDE_GRID, b)));
        let _ = Mixture::seeded(1, shape, count);
        let _ = data::mixture(1, shape, count);
        let _ = data::hijacked(16002, shape, count);
        let g = fig::WIDE_GRID;
        let _ = fig::posterior_matrix(&g, &q, a, b);
        let _ = fig::gauss_fun(&g, a, b, lo);
        let _ = fig::posterior_at(&g, &q, a, b, lo);
        let _ = fig::transform_power(&q, n.min(4 * N), a, power);
        let _ = (fig::log2_floored(&q, a), fig::count_above_log2(&q, b));
        let _ = fig::posterior_sparsity(&q, a);
        let _ = fig::centre_deviation(&q, a, b, lo);
        let _ = fig::l1_example(a, b);
        let _ = fig::c1_transition(a);
    }

    /// Each live demo's model keeps working after refused parameters: bad
    /// then good parameters give the model fresh good parameters give.
    #[test]
    fn models_recover_from_bad_parameters(
        alpha in bad_alpha(),
        cond in prop_oneof![Just(f64::NAN), Just(9.0), Just(-9.0)],
        seed in prop_oneof![Just(100u32), Just(16003u32), any::<u32>()],
    ) {
        use dpm_engine::demos::{demo_1, demo_2, demo_4_1};
        let good = demo_1::Params { seed, ..demo_1::DEFAULTS };
        let bad = [
            demo_1::Params { alpha_noise: alpha, ..good },
            demo_1::Params { alpha_linear: alpha, ..good },
        ];
        let calls = (demo_1::Model::new, demo_1::Model::update);
        let (m, fresh) = bad_then_good(calls, &demo_1::DEFAULTS, &bad, &good)?;
        prop_assert_eq!(m, fresh);

        let good = demo_2::Params { seed, ..demo_2::DEFAULTS };
        let bad = [demo_2::Params { alpha, ..good }, demo_2::Params { cond, ..good }];
        let calls = (demo_2::Model::new, demo_2::Model::update);
        let (m, fresh) = bad_then_good(calls, &demo_2::DEFAULTS, &bad, &good)?;
        prop_assert_eq!(m.step().posterior(), fresh.step().posterior());
        prop_assert_eq!(m.posterior_at_cond(), fresh.posterior_at_cond());
        prop_assert_eq!(m.likelihood(), fresh.likelihood());

        let good = demo_4_1::Params { seed, ..demo_4_1::DEFAULTS };
        let calls = (demo_4_1::Model::new, demo_4_1::Model::update);
        let bad = [demo_4_1::Params { alpha, ..good }];
        let (m, fresh) = bad_then_good(calls, &demo_4_1::DEFAULTS, &bad, &good)?;
        prop_assert!(fresh.lambda2().is_some());
        prop_assert_eq!(m.lambda2().map(f64::to_bits), fresh.lambda2().map(f64::to_bits));
        prop_assert_eq!(m.contraction(), fresh.contraction());
        prop_assert_eq!(m.q_x(), fresh.q_x());
    }
}
