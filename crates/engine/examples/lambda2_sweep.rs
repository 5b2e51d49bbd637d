//! Demo 4.1's drag near alpha 1, natively: the forward step, S and lambda2
//! per alpha (a quick look, not a benchmark; fastest of 5 runs each).
//!
//! Usage: lambda2_sweep [seed] [from alpha] [to alpha] [step]
use dpm_engine::contraction::{self, data_for_seed, SymmetricForm};
use dpm_engine::grid::N;
use dpm_engine::posterior::ForwardStep;
use std::time::Instant;

fn best_ms(mut f: impl FnMut()) -> f64 {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |k: usize, d: f64| args.get(k).and_then(|s| s.parse().ok()).unwrap_or(d);
    let seed = arg(1, 100.0) as u32;
    let (from, to, by) = (arg(2, 0.99), arg(3, 0.999), arg(4, 0.001));
    let (_, q) = data_for_seed(seed).unwrap();
    let mut step = ForwardStep::new(&q, from).unwrap();
    let mut alpha = from;
    while alpha <= to + 1e-12 {
        let ts = best_ms(|| step.compute(&q, alpha).unwrap());
        let sym = SymmetricForm::new(&q, &step, true).unwrap();
        let tf = best_ms(|| {
            SymmetricForm::new(&q, &step, true).unwrap();
        });
        // Work of the envelope's Cholesky factor (entries above 1e-25).
        let work: usize = (0..N)
            .map(|i| {
                let row = &sym.s()[i * N..(i + 1) * N];
                let lo = row
                    .iter()
                    .position(|&v| v.abs() > 1e-25)
                    .unwrap_or(i)
                    .min(i);
                (i - lo).pow(2) / 2
            })
            .sum();
        let mut l2 = 0.0;
        let tl = best_ms(|| l2 = contraction::lambda2(&q, &step).unwrap());
        println!(
            "alpha {alpha:.4}: step {ts:.2} ms, S {tf:.2} ms, lambda2 {l2:.13} in {tl:.2} ms (S included; factor work {:.2}M)",
            work as f64 / 1e6
        );
        alpha += by;
    }
}
