//! The numbers the article's computed figures show (Appendix C and D),
//! asserted natively: C.1's L1 inequality row by row, C.2's shrinking
//! non-zero area, D.1-D.3's communicate classes, D.4's centre deviation and
//! D.5's exact zero.
// Index loops mirror r(x_i | z_j).
#![allow(clippy::needless_range_loop)]
use dpm_engine::data;
use dpm_engine::figures::*;
use dpm_engine::grid;
use dpm_engine::posterior::ForwardStep;

fn demo_grid() -> Grid {
    Grid::new(grid::LO, grid::HI, grid::N).unwrap()
}

fn max_rel_diff(a: &[f64], b: &[f64]) -> f64 {
    assert_eq!(a.len(), b.len());
    let scale = b.iter().fold(0.0f64, |m, v| m.max(v.abs())).max(1e-300);
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max)
        / scale
}

// ---- The figure grid and posterior against the demos' ------------------------

#[test]
fn figure_grid_on_the_demo_range_is_the_demo_grid_point_for_point() {
    assert_eq!(demo_grid().points(), grid::points());
    assert_eq!(demo_grid().res(), grid::RES);
    assert_eq!(WIDE_GRID.res(), 0.025);
    assert!((D5_GRID.x(D5_GRID.nearest(6.0).unwrap()) - 6.0).abs() < 1e-12);
    assert_eq!(WIDE_GRID.nearest(3.02), None);
}

#[test]
fn seeded_mixture_on_the_demo_grid_is_the_demos_q_x() {
    for (seed, shape) in [(100, 0), (100, 2), (7, 3)] {
        let ours = Mixture::seeded(seed, shape, 16)
            .unwrap()
            .on_grid(&demo_grid(), 1e-8);
        let theirs = data::mixture(seed, shape, 16).unwrap();
        assert!(
            max_rel_diff(&ours, &theirs) < 1e-12,
            "seed {seed} shape {shape}"
        );
    }
}

#[test]
fn general_posterior_with_beta_one_minus_alpha_reproduces_forward_step() {
    let q = data::mixture(100, 0, 16).unwrap();
    for alpha in [0.5, 0.9, 0.98] {
        let ours = posterior_matrix(&demo_grid(), &q, alpha, 1.0 - alpha).unwrap();
        let step = ForwardStep::new(&q, alpha).unwrap();
        assert!(
            max_rel_diff(&ours.q_z, step.q_z()) < 1e-9,
            "q(z), alpha {alpha}"
        );
        assert!(
            max_rel_diff(&ours.matrix, step.posterior()) < 1e-9,
            "posterior, alpha {alpha}"
        );
    }
}

#[test]
fn transform_power_squares_as_matrix_products_do() {
    let m = [0.5, 0.25, 0.5, 0.75]; // 2 x 2, columns sum to 1 with res 1
    assert_eq!(transform_power(&m, 2, 1.0, 1).unwrap(), m.to_vec());
    let sq = transform_power(&m, 2, 1.0, 2).unwrap();
    let want = [
        0.5 * 0.5 + 0.25 * 0.5,
        0.5 * 0.25 + 0.25 * 0.75,
        0.5 * 0.5 + 0.75 * 0.5,
        0.5 * 0.25 + 0.75 * 0.75,
    ];
    assert!(max_rel_diff(&sq, &want) < 1e-15);
    let p5 = transform_power(&m, 2, 1.0, 5).unwrap();
    let mut direct = m.to_vec();
    for _ in 1..5 {
        direct = vec![
            direct[0] * m[0] + direct[1] * m[2],
            direct[0] * m[1] + direct[1] * m[3],
            direct[2] * m[0] + direct[3] * m[2],
            direct[2] * m[1] + direct[3] * m[3],
        ];
    }
    assert!(max_rel_diff(&p5, &direct) < 1e-14);
}

// ---- C.1 ----------------------------------------------------------------------

#[test]
fn c1_transition_is_a_tridiagonal_column_stochastic_posterior() {
    let r = c1_transition(C1_NOISE).unwrap();
    for j in 0..C1_STATES {
        let col: f64 = (0..C1_STATES).map(|i| r[i][j]).sum();
        assert!((col - 1.0).abs() < 1e-15, "column {j} sums to {col}");
        for i in 0..C1_STATES {
            if i.abs_diff(j) > 1 {
                assert_eq!(r[i][j], 0.0, "r[{i}][{j}]");
            } else {
                assert!(r[i][j] > 0.0, "r[{i}][{j}]");
            }
        }
    }
}

#[test]
fn c1_l1_out_never_exceeds_l1_in_and_each_row_is_equal_exactly_when_its_signs_agree() {
    for seed in 0..300 {
        let e = l1_example(f64::from(seed), C1_NOISE).unwrap();
        assert!(e.l1_out <= e.l1_in + 1e-15, "seed {seed}");
        for i in 0..C1_STATES {
            let gap = e.bound_terms[i] - e.out_terms[i];
            assert!(gap >= -1e-15, "seed {seed} row {i}");
            if e.signs_agree[i] {
                assert!(
                    gap.abs() < 1e-15,
                    "seed {seed} row {i}: agreeing signs lose {gap}"
                );
            } else {
                assert!(
                    gap > 1e-6,
                    "seed {seed} row {i}: mixed signs lose only {gap}"
                );
            }
        }
        // The bound is exact: sum_i sum_j |terms| = ||p(z) - q(z)||_1.
        let bound: f64 = e.bound_terms.iter().sum();
        assert!((bound - e.l1_in).abs() < 1e-14, "seed {seed}");
        let mixed = e.signs_agree.iter().any(|a| !a);
        assert_eq!(mixed, e.l1_in - e.l1_out > 1e-6, "seed {seed}");
    }
}

#[test]
fn c1_equality_holds_when_no_row_mixes_signs() {
    // The identity transition never mixes terms: the L1 distance is kept.
    let mut identity = [[0.0; C1_STATES]; C1_STATES];
    (0..C1_STATES).for_each(|i| identity[i][i] = 1.0);
    let (p, q) = c1_inputs(38);
    let e = l1_terms(&identity, &p, &q).unwrap();
    assert!(e.signs_agree.iter().all(|a| *a));
    assert!((e.l1_in - e.l1_out).abs() < 1e-15);
}

#[test]
fn c1_default_example_shows_rows_of_both_kinds() {
    let e = l1_example(38.0, C1_NOISE).unwrap();
    let mixed = e.signs_agree.iter().filter(|a| !**a).count();
    assert_eq!(mixed, 2);
    assert!((e.l1_in - 0.575).abs() < 5e-4 && (e.l1_out - 0.379).abs() < 5e-4);
    for v in [e.p, e.q] {
        assert!((v.iter().sum::<f64>() - 1.0).abs() < 1e-15);
    }
}

// ---- C.2 ----------------------------------------------------------------------

#[test]
fn c2_has_fewer_non_zero_posterior_elements_at_alpha_0_99_than_at_0_95() {
    let q = c2_data(100).unwrap();
    let a = posterior_sparsity(&q, 0.95).unwrap();
    let b = posterior_sparsity(&q, 0.99).unwrap();
    assert_eq!(a.total, 241 * 241);
    assert!(b.nonzero < a.nonzero, "{} vs {}", b.nonzero, a.nonzero);
    // The figure's numbers: about a third against a sixth.
    let share = |s: &PosteriorSparsity| s.nonzero as f64 / s.total as f64;
    assert!((share(&a) - 0.340).abs() < 0.005, "{}", share(&a));
    assert!((share(&b) - 0.173).abs() < 0.005, "{}", share(&b));
    // And monotonically so.
    let mut last = usize::MAX;
    for alpha in [0.8, 0.9, 0.95, 0.98, 0.99, 0.995] {
        let n = posterior_sparsity(&q, alpha).unwrap().nonzero;
        assert!(n < last, "alpha {alpha}");
        last = n;
    }
}

#[test]
fn c2_posterior_columns_are_distributions_and_log2_is_floored() {
    let q = c2_data(100).unwrap();
    let s = posterior_sparsity(&q, 0.95).unwrap();
    let n = WIDE_GRID.n();
    for j in [60, 120, 180] {
        let mass: f64 =
            (0..n).map(|i| s.posterior.matrix[i * n + j]).sum::<f64>() * WIDE_GRID.res();
        assert!((mass - 1.0).abs() < 1e-6, "column {j}: {mass}");
    }
    assert!(s
        .log2_posterior
        .iter()
        .all(|v| *v >= LOG2_FLOOR && v.is_finite()));
}

// ---- D.1-D.3 --------------------------------------------------------------------

#[test]
fn d1_one_component_converges_to_one_class() {
    let s = support_components(SupportCase::One, D_BETA, D_POWER).unwrap();
    assert_eq!(s.support.len(), 1);
    assert!(s.gaps.is_empty());
    assert_eq!(s.classes, 1);
    assert!(s.class_spread < 1e-6, "{}", s.class_spread);
    assert_eq!(s.extension.len(), 2, "{:?}", s.extension);
}

#[test]
fn d2_components_closer_than_3_sigma_communicate() {
    let s = support_components(SupportCase::Communicating, D_BETA, D_POWER).unwrap();
    assert_eq!(s.support.len(), 2);
    assert!(
        s.gaps[0] < 3.0 * s.sigma,
        "gap {} sigma {}",
        s.gaps[0],
        s.sigma
    );
    assert_eq!(s.classes, 1);
    assert!(s.class_spread < 1e-6, "{}", s.class_spread);
}

#[test]
fn d3_components_far_apart_stay_two_classes() {
    let s = support_components(SupportCase::Separated, D_BETA, D_POWER).unwrap();
    assert_eq!(s.support.len(), 2);
    assert!(s.gaps[0] > 3.0 * s.sigma);
    assert_eq!(s.classes, 2);
    // No mass crosses the gap, however high the power.
    let far = support_components(SupportCase::Separated, D_BETA, 1 << 30).unwrap();
    assert_eq!(far.classes, 2);
}

#[test]
fn d_rows_outside_the_support_are_exactly_zero() {
    for case in [
        SupportCase::One,
        SupportCase::Communicating,
        SupportCase::Separated,
    ] {
        let s = support_components(case, D_BETA, 64).unwrap();
        let n = WIDE_GRID.n();
        for i in (0..n).filter(|&i| s.q_x[i] == 0.0) {
            let row = &s.posterior[i * n..(i + 1) * n];
            assert!(
                row.iter().all(|v| *v == 0.0),
                "{case:?}: row {i} (inaccessible)"
            );
            let row = &s.power_matrix[i * n..(i + 1) * n];
            assert!(row.iter().all(|v| *v == 0.0), "{case:?}: power row {i}");
        }
        // The extension lies outside the support and touches it.
        for &(a, b) in &s.extension {
            assert!(s.support.iter().all(|&(c, d)| b < c || a > d), "{case:?}");
        }
    }
}

// ---- D.4, D.5 ---------------------------------------------------------------------

#[test]
fn d4_centre_moves_to_z_over_sqrt_alpha_only_when_alpha_is_below_1() {
    let q = d4_data().unwrap();
    for z in D4_Z {
        let general = centre_deviation(&q, 1.0, D4_GENERAL.1, z).unwrap();
        assert_eq!(general.centre, z);
        assert_eq!(general.deviation, 0.0);
        let ddpm = centre_deviation(&q, D4_ALPHA, 1.0 - D4_ALPHA, z).unwrap();
        assert!((ddpm.centre - z / 0.6f64.sqrt()).abs() < 1e-12);
        let mass: f64 = ddpm.posterior.iter().sum::<f64>() * D4_GRID.res();
        assert!((mass - 1.0).abs() < 1e-12);
    }
    // The text's numbers: centres at about 1.29 and 2.58.
    let c = centre_deviation(&q, 0.6, 0.4, 2.0).unwrap();
    assert!((c.centre - 2.58).abs() < 0.005 && (c.deviation - 0.58).abs() < 0.005);
    // GaussFun's peak sits at its centre on the grid.
    let peak = (0..D4_GRID.n())
        .max_by(|&a, &b| c.gauss_fun[a].total_cmp(&c.gauss_fun[b]))
        .unwrap();
    assert!((D4_GRID.x(peak) - c.centre).abs() <= D4_GRID.res());
}

#[test]
fn d5_posterior_at_x_6_given_z_6_is_exactly_zero() {
    let d = deviation_beyond_3_sigma(D5_ALPHA, D5_BETA, D5_Z).unwrap();
    let i6 = D5_GRID.nearest(6.0).unwrap();
    assert_eq!(d.posterior_at_z, 0.0);
    assert_eq!(d.posterior[i6], 0.0);
    assert_eq!(d.gauss_fun[i6], 0.0);
    // ... although x = 6 is the mode of q(x) and q(x|z=6) is a distribution.
    let mode = (0..D5_GRID.n())
        .max_by(|&a, &b| d.q_x[a].total_cmp(&d.q_x[b]))
        .unwrap();
    assert_eq!(mode, i6);
    let mass: f64 = d.posterior.iter().sum::<f64>() * D5_GRID.res();
    assert!((mass - 1.0).abs() < 1e-12);
    // The shift is 40 sigma, and 6 is far beyond the bound of eq. D.3.
    assert!((d.centre - 10.0).abs() < 1e-12);
    assert!((d.deviation / d.sigma - 40.0).abs() < 1e-9);
    assert!(d.bound < 6.0);
    // With beta = 1 - alpha the same state keeps a (tiny) chance to stay.
    let mild = deviation_beyond_3_sigma(D5_ALPHA, 1.0 - D5_ALPHA, D5_Z).unwrap();
    assert!(mild.posterior_at_z > 0.0);
}

// ---- Bad input ----------------------------------------------------------------------

#[test]
fn bad_parameters_are_typed_errors_not_panics() {
    let q = d4_data().unwrap();
    for alpha in [0.0, -1.0, 1.5, f64::NAN, f64::INFINITY] {
        assert!(
            centre_deviation(&q, alpha, 0.4, 1.0).is_err(),
            "alpha {alpha}"
        );
        assert!(posterior_sparsity(&c2_data(100).unwrap(), alpha).is_err());
    }
    // C.2 uses beta = 1 - alpha: alpha = 1 is refused there.
    assert!(posterior_sparsity(&c2_data(100).unwrap(), 1.0).is_err());
    for beta in [0.0, -0.1, f64::NAN, 1e9] {
        assert!(centre_deviation(&q, 0.6, beta, 1.0).is_err(), "beta {beta}");
        assert!(support_components(SupportCase::One, beta, 16).is_err());
    }
    assert!(
        centre_deviation(&q, 0.6, 0.4, 9.0).is_err(),
        "z off the grid"
    );
    assert!(
        centre_deviation(&q[..10], 0.6, 0.4, 1.0).is_err(),
        "short q"
    );
    assert!(support_components(SupportCase::One, D_BETA, 0).is_err());
    assert!(Grid::new(0.0, 1.0, 1).is_err());
    assert!(Grid::new(1.0, 0.0, 10).is_err());
    assert!(Grid::new(f64::NAN, 1.0, 10).is_err());
    assert!(l1_example(-1.0, C1_NOISE).is_err());
    assert!(l1_example(1.5, C1_NOISE).is_err());
    assert!(l1_example(1.0, 2.0).is_err());
    assert!(transform_power(&[1.0; 3], 2, 1.0, 2).is_err());
    let (p, q) = c1_inputs(1);
    let mut bad = c1_transition(0.5).unwrap();
    bad[0][0] += 0.5;
    assert!(l1_terms(&bad, &p, &q).is_err(), "not column-stochastic");
}
