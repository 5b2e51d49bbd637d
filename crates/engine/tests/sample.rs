//! Sampled particles (demo 3.2's samples view): ancestral sampling through the
//! chain's posteriors reproduces the restored densities, the histograms
//! converging like 1/sqrt(N).
use dpm_engine::demos::demo_3::{self, Params, DEFAULTS};
use dpm_engine::divergence::js_distance;
use dpm_engine::grid::{self, N};
use dpm_engine::sample::{self, Particles};
use dpm_engine::EngineError;

/// The expected JS distance between an N-sample histogram and its density:
/// for small deviations JSD ~ chi^2 / 8 and E[chi^2] = (K - 1) / N over the
/// K cells of positive mass, so E[JS] <= sqrt((K - 1) / (8 N)).
fn expected_js(density: &[f64], n: usize) -> f64 {
    let k = density.iter().filter(|&&v| v > 0.0).count();
    ((k as f64 - 1.0) / (8.0 * n as f64)).sqrt()
}

fn params(noise_seed: u32, noise_ratio: f64) -> Params {
    Params {
        noise_seed,
        noise_ratio,
        ..DEFAULTS
    }
}

#[test]
fn histograms_converge_to_the_restored_densities_like_one_over_sqrt_n() {
    let c = demo_3::chain(&DEFAULTS).unwrap();
    let restored = demo_3::restored_from_normal(&c).unwrap();
    let tail = grid::standard_normal();
    let seeds = [1u32, 2, 3, 4, 5, 6];
    let ns = [1_250usize, 5_000, 20_000, 80_000];
    let mut means = Vec::new();
    for &n in &ns {
        let mut sum = vec![0.0; c.len() + 1];
        for &seed in &seeds {
            let hists = sample::ancestral(&c, &tail, n, seed).unwrap();
            let js = demo_3::samples_js(&hists, &restored);
            for (t, &d) in js.iter().enumerate() {
                // Every step, every seed, within twice the expected distance.
                let tol = 2.0 * expected_js(&restored.pdfs[t], n);
                assert!(d <= tol, "N = {n}, seed {seed}, step {t}: JS {d} > {tol}");
                sum[t] += d;
            }
        }
        means.push(
            sum.iter()
                .map(|s| s / seeds.len() as f64)
                .collect::<Vec<_>>(),
        );
    }
    // Four times the particles, half the distance (1/sqrt(N)), at every step.
    for w in means.windows(2) {
        for (t, (a, b)) in w[0].iter().zip(&w[1]).enumerate() {
            let ratio = b / a;
            assert!(
                (0.38..0.62).contains(&ratio),
                "step {t}: mean JS {a} -> {b} (ratio {ratio})"
            );
        }
    }
}

#[test]
fn the_noisy_tail_is_sampled_too() {
    let p = params(7, 0.5);
    let c = demo_3::chain(&p).unwrap();
    let (_, restored) = demo_3::restored_from_noisy(&c, &p).unwrap().unwrap();
    let n = 20_000;
    let mut particles = demo_3::particles(&c, &p, n).unwrap();
    assert_eq!(particles.t(), c.len());
    while particles.step(&c).unwrap() {}
    assert_eq!(particles.t(), 0);
    let js = demo_3::samples_js(particles.histograms(), &restored);
    for (t, &d) in js.iter().enumerate() {
        let tol = 2.0 * expected_js(&restored.pdfs[t], n);
        assert!(d <= tol, "step {t}: JS {d} > {tol}");
    }
    // Drawn from the noisy tail, not N(0,1).
    let normal = grid::standard_normal();
    let last = &particles.histograms()[c.len()];
    let tail = &restored.pdfs[c.len()];
    assert!(js_distance(last, tail) < js_distance(last, &normal) / 2.0);
}

#[test]
fn histograms_are_densities_with_the_tails_mass() {
    let c = demo_3::chain(&DEFAULTS).unwrap();
    let tail = grid::standard_normal();
    let mass: f64 = tail.iter().sum::<f64>() * grid::RES;
    let hists = sample::ancestral(&c, &tail, 3_000, 9).unwrap();
    assert_eq!(hists.len(), c.len() + 1);
    for h in &hists {
        assert_eq!(h.len(), N);
        assert!(h.iter().all(|&v| v >= 0.0));
        let m: f64 = h.iter().sum::<f64>() * grid::RES;
        // Particles are only lost where q(z_t) is exactly 0: none here.
        assert!((m - mass).abs() < 1e-12, "mass {m} vs {mass}");
    }
}

#[test]
fn the_noise_seed_decides_the_particles() {
    let c = demo_3::chain(&DEFAULTS).unwrap();
    let tail = grid::standard_normal();
    let a = sample::ancestral(&c, &tail, 2_000, 200).unwrap();
    let b = sample::ancestral(&c, &tail, 2_000, 200).unwrap();
    let other = sample::ancestral(&c, &tail, 2_000, 201).unwrap();
    assert_eq!(a, b);
    assert_ne!(a[0], other[0]);
}

#[test]
fn bad_inputs_are_refused() {
    let c = demo_3::chain(&DEFAULTS).unwrap();
    let tail = grid::standard_normal();
    let e = Particles::draw(&tail, c.len(), 0, 1).unwrap_err();
    assert!(matches!(
        e,
        EngineError::OutOfRange {
            param: "samples",
            ..
        }
    ));
    let e = Particles::draw(&tail[1..], c.len(), 10, 1).unwrap_err();
    assert!(matches!(e, EngineError::BadLength { param: "tail", .. }));
    let e = Particles::draw(&vec![0.0; N], c.len(), 10, 1).unwrap_err();
    assert!(matches!(e, EngineError::Invalid { param: "tail", .. }));
    let mut bad = tail.clone();
    bad[3] = f64::NAN;
    assert!(Particles::draw(&bad, c.len(), 10, 1).is_err());
    // Particles for another chain length are refused, not indexed blindly.
    let mut p = Particles::draw(&tail, c.len() + 2, 10, 1).unwrap();
    assert!(matches!(
        p.step(&c),
        Err(EngineError::Invalid { param: "chain", .. })
    ));
    // The page's range: 100..20,000.
    assert!(demo_3::particles(&c, &DEFAULTS, 20_001).is_err());
    assert!(demo_3::particles(&c, &DEFAULTS, 20_000).is_ok());
}

#[test]
fn coarse_bins_keep_the_mass() {
    let h: Vec<f64> = (0..N).map(|i| (i % 7) as f64).collect();
    let c = sample::coarse(&h, 10);
    assert_eq!(c.len(), N);
    let (a, b): (f64, f64) = (h.iter().sum(), c.iter().sum());
    assert!((a - b).abs() < 1e-9);
    assert_eq!(sample::coarse(&h, 1), h);
}

#[test]
fn a_sketch_becomes_a_smooth_normalised_q_x() {
    use dpm_engine::own;
    // One stroke: a ramp up over [-1, 0], then a drop below the axis (clamped to 0).
    let q = own::from_sketch(&[vec![(-1.0, 0.0), (0.0, 2.0), (0.5, -1.0)]]).unwrap();
    assert_eq!(q.len(), N);
    let mass: f64 = q.iter().sum::<f64>() * grid::RES;
    assert!((mass - 1.0).abs() < 1e-12);
    assert!(q.iter().all(|&v| v >= 0.0));
    let at = |v: f64| q[grid::index_of(v).unwrap()];
    assert!(
        at(-2.0) == 0.0 && at(2.0) == 0.0,
        "untouched cells stay empty"
    );
    assert!(at(-0.5) > 0.0 && at(-0.05) > at(-0.5), "the ramp");
    // Smoothed: no jump between neighbours larger than the kernel allows.
    let max_step = q
        .windows(2)
        .map(|w| (w[1] - w[0]).abs())
        .fold(0.0, f64::max);
    let peak = q.iter().cloned().fold(0.0, f64::max);
    assert!(
        max_step < 0.2 * peak,
        "smooth: step {max_step}, peak {peak}"
    );
    // A later stroke over an earlier one wins.
    let twice =
        own::from_sketch(&[vec![(-1.0, 1.0), (1.0, 1.0)], vec![(0.2, 0.0), (0.4, 0.0)]]).unwrap();
    assert!(twice[grid::index_of(0.3).unwrap()] < 0.2 * twice[grid::index_of(-0.5).unwrap()]);
    // Nothing above the axis: refused, not a NaN pdf.
    assert!(own::from_sketch(&[vec![(-1.0, 0.0), (1.0, -0.5)]]).is_err());
    assert!(own::from_sketch(&[]).is_err());
    assert!(own::from_sketch(&[vec![(f64::NAN, 1.0)]]).is_err());
}
