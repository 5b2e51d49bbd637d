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
    POINTS[i.min(N - 1)]
}

/// The grid as a static array (hot loops iterate it without a branch per point).
pub static POINTS: [f64; N] = {
    let mut g = [0.0; N];
    let mut i = 0;
    while i < N {
        g[i] = if i == N - 1 { HI } else { i as f64 * RES + LO };
        i += 1;
    }
    g
};

/// The whole grid.
pub fn points() -> alloc::vec::Vec<f64> {
    POINTS.to_vec()
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

/// Fills `out` (length N) with `exp(-(x_j - mean)^2 / (2 var))` on the grid.
///
/// Written by hand for speed (measured: the `exp` calls dominate a drag step
/// and the Gaussian fits): along the grid the ratio of neighbouring values is
/// itself a geometric sequence, so two `exp` calls replace 461. Walking out
/// from the peak keeps every factor <= 1; the relative error stays ~1e-13 and
/// values that would underflow become 0, as they would with `exp`.
pub fn gaussian_kernel(mean: f64, var: f64, out: &mut [f64]) {
    let n = out.len().min(N);
    if n == 0 {
        return;
    }
    let h = RES;
    let k = libm::exp(-h * h / var);
    let peak = libm::round((mean - LO) / h).clamp(0.0, (n - 1) as f64) as usize;
    let d0 = x(peak) - mean;
    out[peak] = libm::exp(-d0 * d0 / (2.0 * var));
    // Right: g(j+1) = g(j) * exp(-(2h(x_j - mean) + h^2) / 2var).
    let mut r = libm::exp(-(2.0 * h * d0 + h * h) / (2.0 * var));
    for j in peak + 1..n {
        out[j] = out[j - 1] * r;
        r *= k;
    }
    // Left: g(j-1) = g(j) * exp((2h(x_j - mean) - h^2) / 2var).
    let mut r = libm::exp((2.0 * h * d0 - h * h) / (2.0 * var));
    for j in (0..peak).rev() {
        out[j] = out[j + 1] * r;
        r *= k;
    }
}
