//! The figures' own grids (NumPy's `linspace`) and seeded data that can be
//! evaluated on any of them.

use crate::error::{check_len, check_range, EngineError};
use crate::grid::normal_pdf;
use crate::rng::LegacyRandom;
use alloc::vec::Vec;

use super::MAX_GRID_POINTS;

/// An evenly spaced grid, as `numpy.linspace(lo, hi, n)` computes it. The
/// fields are private so that [`Grid::new`]'s checks always hold (at least
/// two points, `lo < hi`): read them through the accessors.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    /// First point.
    lo: f64,
    /// Last point (pinned, as NumPy does).
    hi: f64,
    /// Number of points.
    n: usize,
}

impl Grid {
    /// A grid of `n` points from `lo` to `hi`.
    pub fn new(lo: f64, hi: f64, n: usize) -> Result<Self, EngineError> {
        check_range("grid.lo", lo, -1e6, 1e6)?;
        check_range("grid.hi", hi, lo + 1e-9, 1e6)?;
        check_range("grid.n", n as f64, 2.0, MAX_GRID_POINTS as f64)?;
        Ok(Self { lo, hi, n })
    }

    /// First point.
    pub fn lo(&self) -> f64 {
        self.lo
    }

    /// Last point.
    pub fn hi(&self) -> f64 {
        self.hi
    }

    /// Number of points.
    pub fn n(&self) -> usize {
        self.n
    }

    /// The spacing `(hi - lo) / (n - 1)`.
    pub fn res(&self) -> f64 {
        (self.hi - self.lo) / (self.n as f64 - 1.0)
    }

    /// Point `i` (`i * res + lo`, the last one exactly `hi`).
    pub fn x(&self, i: usize) -> f64 {
        if i + 1 >= self.n {
            self.hi
        } else {
            i as f64 * self.res() + self.lo
        }
    }

    /// Every point.
    pub fn points(&self) -> Vec<f64> {
        (0..self.n).map(|i| self.x(i)).collect()
    }

    /// The index of the point nearest to `v`, `None` off the grid (by more
    /// than half a step) or for a non-finite `v`.
    pub fn nearest(&self, v: f64) -> Option<usize> {
        if !v.is_finite() {
            return None;
        }
        let t = libm::round((v - self.lo) / self.res());
        if t < 0.0 || t > (self.n - 1) as f64 {
            None
        } else {
            Some(t as usize)
        }
    }

    /// Scales `pdf` so that `sum * res = 1` (a zero vector stays zero).
    pub fn normalise(&self, pdf: &mut [f64]) {
        let s: f64 = pdf.iter().sum::<f64>() * self.res();
        if s > 0.0 {
            pdf.iter_mut().for_each(|p| *p /= s);
        }
    }
}

/// The grid of C.2 and D.1-D.3: x and z in [-3, 3], 241 points (res 0.025).
pub const WIDE_GRID: Grid = Grid {
    lo: -3.0,
    hi: 3.0,
    n: 241,
};

/// The grid of D.4: [-3, 5] (z = 2 puts GaussFun's centre near 2.6), res 0.01.
pub const D4_GRID: Grid = Grid {
    lo: -3.0,
    hi: 5.0,
    n: 801,
};

/// The grid of D.5: [-2, 14], wide enough for x = 6 and a GaussFun centred
/// at 6 / sqrt(alpha), res 0.01.
pub const D5_GRID: Grid = Grid {
    lo: -2.0,
    hi: 14.0,
    n: 1601,
};

/// A Gaussian mixture that can be evaluated anywhere. [`Mixture::seeded`]
/// makes the same draws as [`crate::data::mixture`] (which evaluates it on
/// the demos' grid). The fields are private so the three lists always have
/// one length: read them through the accessors.
#[derive(Debug, Clone, PartialEq)]
pub struct Mixture {
    means: Vec<f64>,
    stds: Vec<f64>,
    weights: Vec<f64>,
}

impl Mixture {
    /// A mixture of the given components, as given (weights not
    /// renormalised): one mean, std and weight each, all finite, stds
    /// positive, weights not negative.
    pub fn new(means: Vec<f64>, stds: Vec<f64>, weights: Vec<f64>) -> Result<Self, EngineError> {
        let count = means.len();
        check_len("stds", &stds, count)?;
        check_len("weights", &weights, count)?;
        for &m in &means {
            check_range("means", m, -1e6, 1e6)?;
        }
        for &s in &stds {
            check_range("stds", s, f64::MIN_POSITIVE, 1e6)?;
        }
        for &w in &weights {
            check_range("weights", w, 0.0, 1e300)?;
        }
        Ok(Self {
            means,
            stds,
            weights,
        })
    }

    /// The mixture of `(seed, shape_type, modal_count)`: `C` means, then `C`
    /// stds, then `C` weights, each a `random_sample()` of NumPy's legacy
    /// generator; the weights normalised to sum 1.
    pub fn seeded(seed: u32, shape_type: u32, modal_count: usize) -> Result<Self, EngineError> {
        let ((m_lo, m_hi), (s_lo, s_hi)) = crate::data::shape_ranges(shape_type, modal_count)?;
        let mut rng = LegacyRandom::new(seed);
        let mut draw = |lo: f64, hi: f64| -> Vec<f64> {
            (0..modal_count)
                .map(|_| lo + rng.random_sample() * (hi - lo))
                .collect()
        };
        let means = draw(m_lo, m_hi);
        let stds = draw(s_lo, s_hi);
        let mut weights = draw(1.0, 11.0);
        let total: f64 = weights.iter().sum();
        weights.iter_mut().for_each(|w| *w /= total);
        Ok(Self {
            means,
            stds,
            weights,
        })
    }

    /// The components' means.
    pub fn means(&self) -> &[f64] {
        &self.means
    }

    /// The components' standard deviations.
    pub fn stds(&self) -> &[f64] {
        &self.stds
    }

    /// The components' weights.
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// The mixture density at `x`.
    pub fn pdf(&self, x: f64) -> f64 {
        let mut p = 0.0;
        for k in 0..self.means.len() {
            p += self.weights[k] * normal_pdf(x, self.means[k], self.stds[k]);
        }
        p
    }

    /// On `grid`, plus `floor` everywhere, normalised (as the demos' q(x)
    /// with `floor = 1e-8`).
    pub fn on_grid(&self, grid: &Grid, floor: f64) -> Vec<f64> {
        let mut pdf: Vec<f64> = (0..grid.n).map(|i| self.pdf(grid.x(i)) + floor).collect();
        grid.normalise(&mut pdf);
        pdf
    }
}
