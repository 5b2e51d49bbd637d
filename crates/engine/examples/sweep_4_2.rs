//! Demo 4.2's work as the page runs it, natively: the decomposition, the
//! iterates and each power matrix as tasks advanced by `UNIT_WORK`; prints
//! the total of each and the longest single piece, over demo 4.1's seeds and
//! alphas (a quick look, not a benchmark). Everything runs `RUNS` times and
//! each piece counts with its fastest run, so that other processes on a
//! loaded machine count less.
//!
//! Usage: sweep_4_2 [seeds,..] [alphas,..] [iterate numbers,..]
use dpm_engine::contraction::data_for_seed;
use dpm_engine::converge::{self, PowerIteration, PowerMatrixCache, UNIT_WORK};
use dpm_engine::posterior::ForwardStep;
use dpm_engine::work::Task;
use std::rc::Rc;
use std::time::Instant;

const RUNS: usize = 3;

fn list<T: std::str::FromStr + Clone>(arg: Option<&String>, default: &[T]) -> Vec<T> {
    arg.map(|s| s.split(',').filter_map(|v| v.parse().ok()).collect())
        .unwrap_or_else(|| default.to_vec())
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

/// Runs `task` to the end: its result and the time of each piece.
fn pieces<T>(mut task: Task<T>, times: &mut Vec<f64>) -> T {
    loop {
        let t = Instant::now();
        let r = task.advance(UNIT_WORK);
        times.push(ms(t));
        if let Some(r) = r {
            return r;
        }
    }
}

/// Elementwise minimum of the runs' piece times: (total, longest).
fn best(runs: &[Vec<f64>]) -> (f64, f64) {
    let n = runs.iter().map(|r| r.len()).min().unwrap_or(0);
    let b: Vec<f64> = (0..n)
        .map(|k| runs.iter().map(|r| r[k]).fold(f64::INFINITY, f64::min))
        .collect();
    (b.iter().sum(), b.iter().fold(0.0f64, |m, &v| m.max(v)))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seeds: Vec<u32> = list(args.get(1), &[100]);
    let alphas: Vec<f64> = list(
        args.get(2),
        &[
            0.5, 0.9, 0.95, 0.98, 0.99, 0.993, 0.995, 0.997, 0.998, 0.999,
        ],
    );
    let ns: Vec<u64> = list(args.get(3), &[1_000_000]);
    let z = converge::fixed_point_input(200).unwrap();
    let mut worst = 0.0f64;
    for &seed in &seeds {
        let (_, q) = data_for_seed(seed).unwrap();
        for &alpha in &alphas {
            let step = ForwardStep::new(&q, alpha).unwrap();
            for &n in &ns {
                let mut build = f64::INFINITY;
                let (mut dec, mut its, mut mats) = (vec![], vec![], vec![]);
                let mut pairs = 0;
                for _ in 0..RUNS {
                    let t = Instant::now();
                    let task = PowerIteration::start(&q, &step).unwrap();
                    build = build.min(ms(t));
                    let mut d = vec![];
                    let p = Rc::new(pieces(task, &mut d));
                    pairs = p.eigenvalues().len();
                    dec.push(d);
                    let mut i = vec![];
                    let task = converge::iterate_task(Rc::clone(&p), &q, &z, n).unwrap();
                    let iterates = pieces(task, &mut i);
                    its.push(i);
                    // As the page does: one count after another, sharing the cache.
                    let mut m = vec![];
                    let mut cache = PowerMatrixCache::default();
                    for it in &iterates {
                        cache = pieces(Rc::clone(&p).power_matrix_task(it.n, cache), &mut m).1;
                    }
                    mats.push(m);
                }
                let ((d, dl), (i, il), (m, ml)) = (best(&dec), best(&its), best(&mats));
                let longest = build.max(dl).max(il).max(ml);
                worst = worst.max(longest);
                println!(
                    "seed {seed:5} alpha {alpha:.3} n {n:7}: build {build:4.1} ms, decomposition {d:5.1} (longest {dl:4.1}; {pairs} pairs), iterates {i:5.1} (longest {il:4.1}), matrices {m:6.1} (longest {ml:4.1}); all {:6.1} ms",
                    build + d + i + m
                );
            }
        }
    }
    println!("longest piece: {worst:.1} ms");
}
