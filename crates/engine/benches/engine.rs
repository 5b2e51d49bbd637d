//! Engine benchmarks: one interaction of each demo, engine only (no drawing).
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use dpm_engine::chain::{self, Chain};
use dpm_engine::contraction::{self, data_for_seed};
use dpm_engine::converge::{self, PowerIteration};
use dpm_engine::posterior::ForwardStep;
use dpm_engine::{data, fit, grid, transform};

fn benches(c: &mut Criterion) {
    let q = data::mixture(100, 0, 16).unwrap();
    c.bench_function("demo_1 alpha change (linear + noise + both)", |b| {
        b.iter(|| transform::demo_1(black_box(&q), 0.7, 0.995).unwrap())
    });
    let mut step = ForwardStep::new(&q, 0.98).unwrap();
    c.bench_function("demo_2 alpha change (joint, q(z), posterior)", |b| {
        b.iter(|| step.compute(black_box(&q), 0.97).unwrap())
    });
    let (_, q41) = data_for_seed(100).unwrap();
    // A whole update at the default alpha and near 1 (the names BENCHMARKS.md uses).
    for (alpha, at) in [(0.95, ""), (0.999, " at 0.999")] {
        let name = format!("demo_4_1 alpha change{at} (posterior + lambda2 + contraction)");
        c.bench_function(&name, |b| {
            b.iter(|| {
                let step = ForwardStep::new(black_box(&q41), alpha).unwrap();
                let l2 = contraction::lambda2(&q41, &step).unwrap();
                let c = contraction::contraction(&step, 100).unwrap();
                (l2, c)
            })
        });
    }
    // Demo 4.1 near alpha 1 (issue 13: a drag at 0.99-0.999 within a frame).
    for alpha in [0.99, 0.999] {
        let step = ForwardStep::new(&q41, alpha).unwrap();
        c.bench_function(&format!("demo_4_1 lambda2 at alpha {alpha}"), |b| {
            b.iter(|| contraction::lambda2(black_box(&q41), &step).unwrap())
        });
    }
    let alphas = chain::alphas(0.98, 0.98, 15).unwrap();
    c.bench_function("demo_3_1 apply, 15 steps (chain)", |b| {
        b.iter(|| Chain::new(black_box(&q), &alphas).unwrap())
    });
    let chain15 = Chain::new(&q, &alphas).unwrap();
    c.bench_function(
        "demo_3_2 apply, 15 steps (restore from N(0,1) and noisy tail)",
        |b| {
            b.iter(|| {
                let a = chain15.restore(&grid::standard_normal()).unwrap();
                let tail = chain::noisy_tail(200, 0.5).unwrap();
                let b2 = chain15.restore(&tail).unwrap();
                (chain::js_per_step(&a, chain15.forward()), b2)
            })
        },
    );
    let normal = grid::standard_normal();
    c.bench_function(
        "demo_3_2 samples, 20,000 particles through 15 steps (issue 16)",
        |b| b.iter(|| dpm_engine::sample::ancestral(&chain15, black_box(&normal), 20_000, 200)),
    );
    let mut g = c.benchmark_group("slow");
    g.sample_size(10);
    g.bench_function("demo_3_3 apply, 15 steps (fits + restore)", |b| {
        b.iter(|| {
            let fitted: Vec<Vec<f64>> = chain15
                .steps()
                .iter()
                .map(|s| fit::fit_posterior(s.posterior()).unwrap().1)
                .collect();
            let refs: Vec<&[f64]> = fitted.iter().map(|m| m.as_slice()).collect();
            chain::restore_with(&refs, &grid::standard_normal())
        })
    });
    let step41 = ForwardStep::new(&q41, 0.95).unwrap();
    let z = converge::fixed_point_input(200).unwrap();
    g.bench_function(
        "demo_4_2 apply, 1,000,000 iterations + power matrices",
        |b| {
            b.iter(|| {
                let p = PowerIteration::new(&q41, &step41).unwrap();
                let its = converge::iterate(&p, &q41, &z, 1_000_000).unwrap();
                // As the page draws them: one after another, sharing the cache.
                let mut cache = converge::PowerMatrixCache::default();
                let mats: Vec<Vec<f64>> = its
                    .iter()
                    .map(|it| p.power_matrix_cached(it.n, &mut cache))
                    .collect();
                (its, mats)
            })
        },
    );
    // Demo 4.2 after demo 4.1's alpha is set near 1: the units that were
    // longest (issue 13), whole; the page runs them in pieces of UNIT_WORK.
    for alpha in [0.995, 0.999] {
        let step = ForwardStep::new(&q41, alpha).unwrap();
        g.bench_function(format!("demo_4_2 decomposition at alpha {alpha}"), |b| {
            b.iter(|| PowerIteration::new(black_box(&q41), &step).unwrap())
        });
        let p = PowerIteration::new(&q41, &step).unwrap();
        g.bench_function(
            format!("demo_4_2 power matrix n = 2 at alpha {alpha}"),
            |b| b.iter(|| p.power_matrix(black_box(2))),
        );
        let its = converge::iterate(&p, &q41, &z, 1_000_000).unwrap();
        g.bench_function(
            format!("demo_4_2 23 power matrices in turn at alpha {alpha}"),
            |b| {
                b.iter(|| {
                    let mut cache = converge::PowerMatrixCache::default();
                    its.iter()
                        .map(|it| p.power_matrix_cached(it.n, &mut cache).len())
                        .sum::<usize>()
                })
            },
        );
        g.bench_function(
            format!("demo_4_2 decomposition at alpha {alpha}, one piece of UNIT_WORK (mean)"),
            |b| {
                b.iter_custom(|iters| {
                    let mut total = std::time::Duration::ZERO;
                    let mut pieces = 0u64;
                    for _ in 0..iters {
                        let mut task = PowerIteration::start(&q41, &step).unwrap();
                        let t = std::time::Instant::now();
                        while task.advance(converge::UNIT_WORK).is_none() {
                            pieces += 1;
                        }
                        pieces += 1;
                        total += t.elapsed();
                    }
                    // Per piece, scaled back to one per iteration.
                    total * iters as u32 / pieces.max(1) as u32
                })
            },
        );
    }
    g.finish();
}

criterion_group!(engine, benches);
criterion_main!(engine);
