//! Prints where demo 4.2's time goes (a quick look, not a benchmark).
use dpm_engine::contraction::data_for_seed;
use dpm_engine::converge::{self, PowerIteration};
use dpm_engine::posterior::ForwardStep;
use std::time::Instant;

fn main() {
    // Usage: profile_4_2 [seed] [alpha] [iterate number]
    let args: Vec<String> = std::env::args().collect();
    let seed = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100);
    let alpha = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(0.95);
    let n_max = args
        .get(3)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let (_, q) = data_for_seed(seed).unwrap();
    let step = ForwardStep::new(&q, alpha).unwrap();
    let z = converge::fixed_point_input(200).unwrap();
    let t = Instant::now();
    let p = PowerIteration::new(&q, &step).unwrap();
    println!(
        "decomposition {:?}: {} eigenpairs, {} exact transforms first",
        t.elapsed(),
        p.eigenvalues().len(),
        p.direct_steps()
    );
    let t = Instant::now();
    let its = converge::iterate(&p, &q, &z, n_max).unwrap();
    println!("iterates {:?}", t.elapsed());
    let t = Instant::now();
    let mut slowest = (0, std::time::Duration::ZERO);
    let mut cache = converge::PowerMatrixCache::default();
    for it in &its {
        let t1 = Instant::now();
        let _ = p.power_matrix_cached(it.n, &mut cache);
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
