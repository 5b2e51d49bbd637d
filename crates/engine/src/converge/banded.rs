//! A square matrix that keeps, for each row, the range of its entries that
//! matter, so products skip the rest.
use super::NEGLIGIBLE;
use crate::spectral::dot4;
use alloc::vec::Vec;

/// A square matrix with, for each row, the range of columns outside which
/// every entry is negligible; `apply` skips the rest.
pub(super) struct Banded {
    pub(super) n: usize,
    pub(super) m: Vec<f64>,
    pub(super) rows: Vec<(usize, usize)>,
    /// Entries kept in all (the multiply-adds of a product).
    entries: usize,
}

impl Banded {
    pub(super) fn new(m: Vec<f64>, n: usize) -> Self {
        let rows = row_ranges(&m, n, NEGLIGIBLE);
        let entries = rows.iter().map(|(lo, hi)| hi - lo).sum();
        Self {
            n,
            m,
            rows,
            entries,
        }
    }

    /// Mean number of entries kept per row.
    pub(super) fn mean_band(&self) -> usize {
        self.entries / self.rows.len().max(1)
    }

    /// The multiply-adds of one product (at least 1).
    pub(super) fn entries(&self) -> usize {
        self.entries.max(1)
    }

    pub(super) fn apply(&self, v: &[f64], out: &mut [f64]) {
        self.apply_within(v, (0, self.n), out);
    }

    /// `apply` for a `v` that is zero outside `lo..hi`.
    pub(super) fn apply_within(&self, v: &[f64], (lo, hi): (usize, usize), out: &mut [f64]) {
        for ((o, row), &(a, b)) in out
            .iter_mut()
            .zip(self.m.chunks_exact(self.n))
            .zip(&self.rows)
        {
            let (a, b) = (a.max(lo), b.min(hi));
            *o = if a < b {
                dot4(&row[a..b], &v[a..b])
            } else {
                0.0
            };
        }
    }
}

/// For each row of the row-major `m` (rows of `width`), the range of columns
/// outside which every entry is at most `drop` in magnitude.
pub(super) fn row_ranges(m: &[f64], width: usize, drop: f64) -> Vec<(usize, usize)> {
    m.chunks_exact(width)
        .map(|row| kept_range(row, |v| libm::fabs(v) > drop))
        .collect()
}

/// The range of indices outside which `v` is zero.
pub(super) fn nonzero_range(v: &[f64]) -> (usize, usize) {
    kept_range(v, |x| x != 0.0)
}

/// The range from the first to the last entry of `v` that `keep` keeps
/// (`(0, 0)` when none is).
fn kept_range(v: &[f64], keep: impl Fn(f64) -> bool) -> (usize, usize) {
    match (
        v.iter().position(|&x| keep(x)),
        v.iter().rposition(|&x| keep(x)),
    ) {
        (Some(lo), Some(hi)) => (lo, hi + 1),
        _ => (0, 0),
    }
}
