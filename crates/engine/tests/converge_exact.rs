//! Demo 4.2's powers of `Q̂` (the column-normalised posterior) are exact:
//! every `Q̂^n z` up to n = 5,000 agrees with repeated products by `Q̂` to
//! 1e-9, n = 10^6 agrees with powering by squaring, and the power matrices
//! agree with products of `Q̂` to the eye (1e-3 of their largest entry).
//!
//! The references are plain dense products of [`converge::transition`]
//! (itself checked against the posterior divided by its column sums).
mod common;
use common::Product;
use dpm_engine::contraction::data_for_seed;
use dpm_engine::converge::{self, transition, PowerIteration, PowerMatrixCache, UNIT_WORK};
use dpm_engine::grid::{N, RES};
use dpm_engine::posterior::{column_normalised, ForwardStep};
use dpm_engine::work::Task;
use std::rc::Rc;

/// `a b` for dense row-major `N x N` matrices.
fn mat_mul(a: &[f64], b: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0; N * N];
    for (orow, arow) in out.chunks_exact_mut(N).zip(a.chunks_exact(N)) {
        for (k, &aik) in arow.iter().enumerate() {
            if aik != 0.0 {
                for (o, &b) in orow.iter_mut().zip(&b[k * N..(k + 1) * N]) {
                    *o += aik * b;
                }
            }
        }
    }
    out
}

/// Each column divided by its sum, as the original's `matrix_power` does
/// after every product (for a Markov matrix this only removes the drift of
/// rounding: 20 plain squarings lose ~5e-11 of the mass).
fn renormalised(mut m: Vec<f64>) -> Vec<f64> {
    for j in 0..N {
        let s: f64 = (0..N).map(|i| m[i * N + j]).sum();
        if s > 0.0 {
            (0..N).for_each(|i| m[i * N + j] /= s);
        }
    }
    m
}

/// `t^n` by squaring.
fn matrix_power(t: &[f64], mut n: u64) -> Vec<f64> {
    let mut base = t.to_vec();
    let mut acc: Option<Vec<f64>> = None;
    loop {
        if n & 1 == 1 {
            acc = Some(match acc {
                None => base.clone(),
                Some(a) => renormalised(mat_mul(&a, &base)),
            });
        }
        n >>= 1;
        if n == 0 {
            break;
        }
        base = renormalised(mat_mul(&base, &base));
    }
    acc.unwrap_or(base)
}

fn max_diff(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max)
}

fn setup(seed: u32, alpha: f64) -> (Vec<f64>, ForwardStep, PowerIteration, Vec<f64>) {
    let (_, q) = data_for_seed(seed).unwrap();
    let step = ForwardStep::new(&q, alpha).unwrap();
    let power = PowerIteration::new(&q, &step).unwrap();
    let t = transition(&q, &step).unwrap();
    (q, step, power, t)
}

#[test]
fn transition_is_the_posterior_with_columns_normalised() {
    for (seed, alpha) in [(100u32, 0.95), (16003, 0.99), (17650, 0.98)] {
        let (_, step, _, t) = setup(seed, alpha);
        let plain = column_normalised(step.posterior());
        assert!(
            max_diff(&t, &plain) <= 1e-12,
            "seed {seed} alpha {alpha}: {:e}",
            max_diff(&t, &plain)
        );
        for j in 0..N {
            let s: f64 = (0..N).map(|i| t[i * N + j]).sum();
            assert!(
                (s - 1.0).abs() <= 1e-14,
                "seed {seed} column {j} sums to {s}"
            );
        }
    }
    // Where the posterior's columns underflow (far from a narrow q(x) at
    // alpha near 1) they are formed in log space: still distributions.
    let (_, step, _, t) = setup(17650, 0.999);
    let plain = column_normalised(step.posterior());
    let zero_columns = (0..N)
        .filter(|&j| (0..N).all(|i| plain[i * N + j] == 0.0))
        .count();
    assert!(zero_columns > 100, "the case has underflowing columns");
    for j in 0..N {
        let s: f64 = (0..N).map(|i| t[i * N + j]).sum();
        assert!((s - 1.0).abs() <= 1e-14, "17650 column {j} sums to {s}");
    }
}

/// Every n up to 5,000 for alpha 0.9 to 0.999, for the input of `z_seed`.
fn every_power_up_to_5000_matches_repeated_products(seed: u32, z_seed: u32) {
    let counts: Vec<u64> = (1..=5000).collect();
    for alpha in [0.9, 0.95, 0.97, 0.99, 0.999] {
        let (_, _, power, t) = setup(seed, alpha);
        let z = converge::fixed_point_input(z_seed).unwrap();
        let fast = power.apply_powers(&z, &counts).unwrap();
        let t = Product::new(&t);
        let mut cur = z.clone();
        let mut worst = (0.0f64, 0u64);
        for (&n, got) in counts.iter().zip(&fast) {
            cur = t.apply(&cur);
            let d = max_diff(got, &cur);
            if d > worst.0 {
                worst = (d, n);
            }
        }
        assert!(
            worst.0 <= 1e-9,
            "seed {seed} alpha {alpha}: {:e} at n = {}",
            worst.0,
            worst.1
        );
    }
}

/// A mixture whose floor (q ~ 1e-8 at the grid's ends) holds some of the
/// input: modes living there get coordinates ~1e5.
#[test]
fn powers_match_repeated_products_for_a_mixture() {
    every_power_up_to_5000_matches_repeated_products(100, 200);
}

/// The gapped support (two components that barely or never exchange mass).
#[test]
fn powers_match_repeated_products_for_a_gapped_support() {
    every_power_up_to_5000_matches_repeated_products(16003, 6);
}

/// One narrow Gaussian: q(x) spans 1e-300..20, columns far away underflow.
#[test]
fn powers_match_repeated_products_for_a_narrow_gaussian() {
    every_power_up_to_5000_matches_repeated_products(17650, 10);
}

#[test]
fn a_million_transforms_match_powering_by_squaring() {
    for (seed, alpha, z_seed) in [(100u32, 0.95, 200u32), (17650, 0.98, 10), (16003, 0.9, 31)] {
        let (_, _, power, t) = setup(seed, alpha);
        let z = converge::fixed_point_input(z_seed).unwrap();
        let exact = Product::new(&matrix_power(&t, 1_000_000)).apply(&z);
        let got = power.apply_power(&z, 1_000_000).unwrap();
        let d = max_diff(&got, &exact);
        assert!(d <= 1e-9, "seed {seed} alpha {alpha}: {d:e}");
    }
}

/// Each matrix alone, and one after another as the page draws them (the
/// products of a count resumed from the last count's, the walks cached).
#[test]
fn power_matrices_match_products_to_the_eye() {
    for (seed, alpha) in [(100u32, 0.95), (100, 0.999), (17650, 0.999)] {
        let (_, _, power, t) = setup(seed, alpha);
        let mut cache = PowerMatrixCache::default();
        for n in [2u64, 3, 7, 40, 977] {
            let exact = matrix_power(&t, n);
            let top = exact.iter().fold(0.0f64, |m, v| m.max(*v));
            let alone = power.power_matrix(n);
            let in_turn = power.power_matrix_cached(n, &mut cache);
            for (how, got) in [("alone", alone), ("in turn", in_turn)] {
                let got: Vec<f64> = got.iter().map(|v| v * RES).collect();
                let d = max_diff(&got, &exact);
                assert!(
                    d <= 1e-3 * top,
                    "seed {seed} alpha {alpha} n {n} {how}: {d:e} of {top:e}"
                );
            }
        }
    }
}

/// Runs `task` to the end in pieces of `UNIT_WORK`; the result and the
/// number of pieces.
fn in_pieces<T>(mut task: Task<T>) -> (T, usize) {
    let mut pieces = 0;
    loop {
        pieces += 1;
        if let Some(v) = task.advance(UNIT_WORK) {
            assert!(task.is_done() && task.advance(UNIT_WORK).is_none());
            return (v, pieces);
        }
    }
}

/// The page forms the decomposition, the iterates and the power matrices in
/// pieces (tasks advanced by `UNIT_WORK`, so that no piece blocks it): the
/// same numbers, bit for bit, as the one-shot calls.
#[test]
fn pieces_give_the_one_shot_numbers_bit_for_bit() {
    for (seed, alpha) in [(100u32, 0.999), (100, 0.995), (16003, 0.99), (17650, 0.999)] {
        let (q, step, power, _) = setup(seed, alpha);
        let (sliced, pieces) = in_pieces(PowerIteration::start(&q, &step).unwrap());
        // (A narrow q(x) has a small support: little to cut.)
        assert!(
            seed != 100 || pieces >= 4,
            "seed {seed} alpha {alpha}: {pieces} pieces"
        );
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(sliced.eigenvalues()), bits(power.eigenvalues()));
        assert_eq!(sliced.direct_steps(), power.direct_steps());
        let sliced = Rc::new(sliced);
        let z = converge::fixed_point_input(200).unwrap();
        let want = converge::iterate(&power, &q, &z, 1_000_000).unwrap();
        let (got, _) =
            in_pieces(converge::iterate_task(Rc::clone(&sliced), &q, &z, 1_000_000).unwrap());
        assert_eq!(got, want, "seed {seed} alpha {alpha}: iterates");
        let (mut mine, mut theirs) = (PowerMatrixCache::default(), PowerMatrixCache::default());
        for it in &want {
            let ((m, cache), _) = in_pieces(Rc::clone(&sliced).power_matrix_task(it.n, mine));
            mine = cache;
            let one_shot = power.power_matrix_cached(it.n, &mut theirs);
            assert!(
                bits(&m) == bits(&one_shot),
                "seed {seed} alpha {alpha}: power matrix {}",
                it.n
            );
        }
    }
    // Bad input is refused before any piece.
    let (q, step, _, _) = setup(100, 0.95);
    assert!(PowerIteration::start(&q[1..], &step).is_err());
    let power = Rc::new(PowerIteration::new(&q, &step).unwrap());
    assert!(converge::iterate_task(Rc::clone(&power), &q, &q[1..], 10).is_err());
    assert!(converge::iterate_task(power, &q, &q, converge::MAX_ITERATE + 1).is_err());
}
