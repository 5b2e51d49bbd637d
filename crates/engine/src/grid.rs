//! The 461-point grid shared by x and z.
//!
//! The trap: the spacing is `4.6 / 460` in f64, 0.009999999999999998, not the
//! literal 0.01. NumPy's `linspace(-2.3, 2.3, 461)` computes `i * res - 2.3` and
//! pins the last point to 2.3; every index formula divides by this `res`, so
//! z = 0.0 falls in column 230 (with 0.01 it would be 229).

/// Number of grid points.
pub const N: usize = 461;
/// Left end of the grid.
pub const LO: f64 = -2.3;
/// Right end of the grid.
pub const HI: f64 = 2.3;
/// Grid spacing, exactly as NumPy computes it.
pub const RES: f64 = (HI - LO) / (N as f64 - 1.0);

/// The grid value at index `i` (`i < N`).
#[inline]
pub fn x(i: usize) -> f64 {
    if i == N - 1 {
        HI
    } else {
        i as f64 * RES + LO
    }
}

/// The whole grid.
pub fn points() -> alloc::vec::Vec<f64> {
    (0..N).map(x).collect()
}

/// The column of value `v` as the original computes it: `trunc((v + 2.3) / res)`,
/// `None` when that falls off the grid or `v` is not finite.
pub fn index_of(v: f64) -> Option<usize> {
    if !v.is_finite() {
        return None;
    }
    let t = libm::trunc((v - LO) / RES);
    if t < 0.0 || t >= N as f64 {
        None
    } else {
        Some(t as usize)
    }
}

/// Normalises `pdf` in place so that `sum(pdf) * res = 1` (no-op for a zero vector).
pub fn normalise(pdf: &mut [f64]) {
    let s: f64 = pdf.iter().sum::<f64>() * RES;
    if s > 0.0 {
        pdf.iter_mut().for_each(|p| *p /= s);
    }
}

/// The normal density `N(x; mean, std)` as SciPy's `norm.pdf` computes it.
#[inline]
pub fn normal_pdf(x: f64, mean: f64, std: f64) -> f64 {
    let t = (x - mean) / std;
    libm::exp(-0.5 * t * t) / (libm::sqrt(2.0 * core::f64::consts::PI) * std)
}

/// `N(x; 0, 1)` on the grid, the tail every restoration starts from.
pub fn standard_normal() -> alloc::vec::Vec<f64> {
    (0..N).map(|i| normal_pdf(x(i), 0.0, 1.0)).collect()
}
