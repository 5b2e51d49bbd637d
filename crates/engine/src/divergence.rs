//! Distances between two pdfs on the grid.

/// Jensen-Shannon distance as SciPy's `jensenshannon` defines it: both vectors
/// normalised to sum 1, natural log, and the square root of the divergence.
/// Returns 0 for two identical vectors and NaN when either sums to zero.
pub fn js_distance(p: &[f64], q: &[f64]) -> f64 {
    let sp: f64 = p.iter().sum();
    let sq: f64 = q.iter().sum();
    let mut js = 0.0;
    for (&a, &b) in p.iter().zip(q) {
        let a = a / sp;
        let b = b / sq;
        let m = 0.5 * (a + b);
        js += rel_entr(a, m) + rel_entr(b, m);
    }
    libm::sqrt((0.5 * js).max(0.0))
}

/// SciPy's `rel_entr(x, y)`: `x ln(x/y)`, 0 for x = 0, infinite where y = 0 < x.
#[inline]
fn rel_entr(x: f64, y: f64) -> f64 {
    if x > 0.0 && y > 0.0 {
        x * libm::log(x / y)
    } else if x == 0.0 && y >= 0.0 {
        0.0
    } else {
        f64::INFINITY
    }
}

/// KL divergence `KL(p || q)` of two vectors each normalised to sum 1.
pub fn kl_divergence(p: &[f64], q: &[f64]) -> f64 {
    let sp: f64 = p.iter().sum();
    let sq: f64 = q.iter().sum();
    p.iter()
        .zip(q)
        .map(|(&a, &b)| rel_entr(a / sp, b / sq))
        .sum()
}

/// Total variation distance `0.5 * sum |p - q|` of two vectors each normalised
/// to sum 1.
pub fn total_variation(p: &[f64], q: &[f64]) -> f64 {
    let sp: f64 = p.iter().sum();
    let sq: f64 = q.iter().sum();
    0.5 * p
        .iter()
        .zip(q)
        .map(|(&a, &b)| libm::fabs(a / sp - b / sq))
        .sum::<f64>()
}
