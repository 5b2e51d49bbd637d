//! Your own q(x) (issue 16): a data distribution given as 461 numbers on the
//! grid (typed into `dpm eval`, or drawn in the page) in place of a seeded
//! mixture. It is checked (length, finite, non-negative, positive mass) and
//! normalised so that `sum(q) res = 1`, as every seeded q(x) is.
use crate::error::{check_len, EngineError};
use crate::grid::{normalise, N};
use alloc::vec::Vec;

/// `q` checked and normalised on the grid.
pub fn q_x(q: &[f64]) -> Result<Vec<f64>, EngineError> {
    check_len("q_x", q, N)?;
    if q.iter().any(|v| !v.is_finite()) {
        return Err(EngineError::NotFinite { param: "q_x" });
    }
    if q.iter().any(|&v| v < 0.0) {
        return Err(EngineError::Invalid {
            param: "q_x",
            reason: "must be non-negative everywhere",
        });
    }
    // Finite and non-negative by now: the mass is 0 or more, infinite
    // only if the numbers are too large to add up.
    let mass: f64 = q.iter().sum();
    if mass <= 0.0 {
        return Err(EngineError::Invalid {
            param: "q_x",
            reason: "must have positive mass (it is all zeros)",
        });
    }
    if !mass.is_finite() {
        return Err(EngineError::Invalid {
            param: "q_x",
            reason: "is too large to add up (scale it down)",
        });
    }
    let mut out = q.to_vec();
    normalise(&mut out);
    Ok(out)
}

/// How far a drawn sketch is smoothed: a Gaussian of this many grid cells
/// (standard deviation), so a hand's jitter does not become spikes.
pub const SKETCH_SMOOTH_CELLS: f64 = 3.0;

/// q(x) from a sketch drawn on the q(x) plot: `strokes` of points `(x, y)`
/// in data coordinates, in drawing order. Each stroke sets the cells it
/// passes over (linear between its points; a later stroke over an earlier
/// one wins); cells no stroke touched are 0. The result is made
/// non-negative, smoothed ([`SKETCH_SMOOTH_CELLS`]) and normalised; a
/// sketch with no area above 0 is refused.
pub fn from_sketch(strokes: &[Vec<(f64, f64)>]) -> Result<Vec<f64>, EngineError> {
    use crate::grid::{x, LO, RES};
    let mut h = alloc::vec![0.0f64; N];
    let cell = |v: f64| libm::round((v - LO) / RES).clamp(0.0, (N - 1) as f64) as usize;
    for stroke in strokes {
        let points: Vec<(f64, f64)> = stroke
            .iter()
            .copied()
            .filter(|(a, b)| a.is_finite() && b.is_finite())
            .collect();
        if let [(px, py)] = points[..] {
            h[cell(px)] = py.max(0.0);
        }
        for w in points.windows(2) {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            let (i0, i1) = (cell(x0.min(x1)), cell(x0.max(x1)));
            for (i, v) in h.iter_mut().enumerate().take(i1 + 1).skip(i0) {
                let s = if x1 == x0 {
                    1.0
                } else {
                    (x(i) - x0) / (x1 - x0)
                };
                *v = (y0 + s.clamp(0.0, 1.0) * (y1 - y0)).max(0.0);
            }
        }
    }
    // Gaussian smoothing, truncated at four standard deviations; cells
    // beyond the grid count as 0.
    let reach = libm::ceil(4.0 * SKETCH_SMOOTH_CELLS) as usize;
    let kernel: Vec<f64> = (0..=reach)
        .map(|k| {
            let t = k as f64 / SKETCH_SMOOTH_CELLS;
            libm::exp(-0.5 * t * t)
        })
        .collect();
    let smooth: Vec<f64> = (0..N)
        .map(|i| {
            let lo = i.saturating_sub(reach);
            let hi = (i + reach).min(N - 1);
            (lo..=hi).map(|j| h[j] * kernel[i.abs_diff(j)]).sum()
        })
        .collect();
    q_x(&smooth)
}
