//! Prints where demo 4.2's time goes (a quick look, not a benchmark).
use dpm_engine::contraction::{data_for_seed, SymmetricForm};
use dpm_engine::converge::{self, PowerIteration};
use dpm_engine::posterior::ForwardStep;
use std::time::Instant;

fn main() {
    // Usage: profile_4_2 [seed] [alpha]
    let args: Vec<String> = std::env::args().collect();
    let seed = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100);
    let alpha = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(0.95);
    let (_, q) = data_for_seed(seed).unwrap();
    let step = ForwardStep::new(&q, alpha).unwrap();
    let z = converge::fixed_point_input(200).unwrap();
    let t = Instant::now();
    let _s = SymmetricForm::new(&q, &step, false).unwrap();
    println!("symmetric form {:?}", t.elapsed());
    let t = Instant::now();
    let p = PowerIteration::new(&q, &step).unwrap();
    println!("decomposition {:?}", t.elapsed());
    let ev = p.eigenvalues();
    for th in [1e-3, 1e-6, 1e-9, 1e-12] {
        println!(
            "eigenvalues > {th:e}: {}",
            ev.iter().filter(|&&v| v > th).count()
        );
    }
    let t = Instant::now();
    let its = converge::iterate(&p, &q, &z, 1_000_000).unwrap();
    println!("iterates {:?}", t.elapsed());
    let t = Instant::now();
    let mut slowest = (0, std::time::Duration::ZERO);
    for it in &its {
        let t1 = Instant::now();
        let _ = p.power_matrix(it.n);
        if t1.elapsed() > slowest.1 {
            slowest = (it.n, t1.elapsed());
        }
    }
    println!(
        "power matrices {:?}, slowest n = {} in {:?}",
        t.elapsed(),
        slowest.0,
        slowest.1
    );
}
