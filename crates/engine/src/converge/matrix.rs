//! The power matrices `Q̂^n / res` shown as heat maps: each column from the
//! eigenbasis where that is exact to the eye, else from products of `Q̂`
//! (small n; resumed from the last count's) or from its own walk as an
//! input (large n; cached between counts). The work is counted on a
//! [`Meter`] a column or a row of a product at a time, so the page can form
//! a matrix in pieces ([`PowerIteration::power_matrix_task`]).
use super::banded::row_ranges;
use super::power::{PowerIteration, Walk};
use super::{pow_u, DISPLAY_WALK, EIGEN_ERROR, HEAT_DROP, HEAT_TOL, PRODUCTS_UP_TO};
use crate::grid::{N, RES};
use crate::spectral::axpy;
use crate::work::{run, Meter, Task};
use alloc::rc::Rc;
use alloc::vec;
use alloc::vec::Vec;

/// Work kept between power matrices of increasing counts (see
/// [`PowerIteration::power_matrix_cached`]).
#[derive(Default)]
pub struct PowerMatrixCache {
    /// The walk of each column that needed one.
    walks: Vec<Option<Walk>>,
    /// The columns of the last power formed by products: the next count's
    /// products start from them.
    products: Option<Products>,
}

/// Columns `cols` (ascending) of `Q̂^n`, row-major `N x cols.len()`.
struct Products {
    n: u64,
    cols: Vec<usize>,
    block: Vec<f64>,
}

impl Products {
    /// Columns `cols` (ascending) of this power, if it has them all.
    fn select(&self, cols: &[usize]) -> Option<Vec<f64>> {
        let at: Vec<usize> = cols
            .iter()
            .map(|j| self.cols.binary_search(j).ok())
            .collect::<Option<_>>()?;
        let (w, v) = (self.cols.len(), cols.len());
        let mut out = vec![0.0; N * v];
        for i in 0..N {
            for (c, &k) in at.iter().enumerate() {
                out[i * v + c] = self.block[i * w + k];
            }
        }
        Some(out)
    }
}

/// How the columns of one power matrix are formed.
struct ColumnPlan {
    /// Support indices of the columns the eigenbasis gives.
    eigen: Vec<usize>,
    /// Grid indices of the columns off the support that one exact transform
    /// brings into the eigenbasis's reach.
    landing: Vec<usize>,
    /// Grid indices of the columns that need exact work.
    exact: Vec<usize>,
}

impl PowerIteration {
    /// The power matrix `Q̂^n / res` (row-major, rows on x; each column a pdf
    /// over x, as the posterior is), for display. A column comes from the
    /// eigenbasis where what the eigenbasis lacks (eigenvalues below `tau`
    /// and its own rounding, magnified by `max p / p_j` where q(x) is tiny)
    /// stays below 1e-6; the other columns are products of `Q̂` (all terms
    /// non-negative: exact), or for large n walk as inputs do.
    pub fn power_matrix(&self, n: u64) -> Vec<f64> {
        self.power_matrix_cached(n, &mut PowerMatrixCache::default())
    }

    /// [`power_matrix`](Self::power_matrix) for counts drawn one after
    /// another (increasing): the exact work on columns where q(x) is ~0 is
    /// resumed from `cache` instead of redone. A cache belongs to one
    /// `PowerIteration`; start a new one with a new decomposition.
    pub fn power_matrix_cached(&self, n: u64, cache: &mut PowerMatrixCache) -> Vec<f64> {
        let meter = Meter::unlimited();
        run(&meter, self.power_matrix_metered(n, cache, &meter))
    }

    /// [`power_matrix_cached`](Self::power_matrix_cached) in pieces (see
    /// [`Task`]): the task shares the decomposition, holds the cache while
    /// it works and gives it back with the matrix.
    pub fn power_matrix_task(
        self: Rc<Self>,
        n: u64,
        mut cache: PowerMatrixCache,
    ) -> Task<(Vec<f64>, PowerMatrixCache)> {
        let meter = Rc::new(Meter::unlimited());
        let m = Rc::clone(&meter);
        Task::new(meter, async move {
            let out = self.power_matrix_metered(n, &mut cache, &m).await;
            (out, cache)
        })
    }

    async fn power_matrix_metered(
        &self,
        n: u64,
        cache: &mut PowerMatrixCache,
        meter: &Meter,
    ) -> Vec<f64> {
        let mut out = vec![0.0; N * N];
        if n == 0 || self.identity {
            (0..N).for_each(|i| out[i * N + i] = 1.0 / RES);
            return out;
        }
        if n == 1 {
            for (o, v) in out.iter_mut().zip(&self.t.m) {
                *o = v / RES;
            }
            return out;
        }
        let plan = self.plan_columns(n);
        meter.spend(N * N).await;
        self.eigen_columns(&plan.eigen, n, &mut out, meter).await;
        self.landing_columns(&plan.landing, n, &mut out, meter)
            .await;
        if n <= PRODUCTS_UP_TO && !plan.exact.is_empty() {
            let block = self.power_columns(&plan.exact, n, cache, meter).await;
            let w = plan.exact.len();
            for i in 0..N {
                for (c, &j) in plan.exact.iter().enumerate() {
                    out[i * N + j] = block[i * w + c];
                }
            }
            cache.products = Some(Products {
                n,
                cols: plan.exact,
                block,
            });
        } else {
            self.walked_columns(&plan.exact, n, cache, &mut out, meter)
                .await;
        }
        out.iter_mut().for_each(|v| *v /= RES);
        meter.spend(N * N).await;
        out
    }

    /// Sorts the columns of `Q̂^n` by how they can be formed to within
    /// [`HEAT_TOL`].
    fn plan_columns(&self, n: u64) -> ColumnPlan {
        let pmax = self.p.iter().fold(0.0f64, |m, &v| m.max(v));
        // What the eigenbasis misses in a column: the unresolved eigenvalues
        // and the eigenvectors' own error, magnified by max p / p_j.
        let miss = |k: u64, scale: f64| (pow_u(self.tau, k) + EIGEN_ERROR) * pmax / scale;
        let mut plan = ColumnPlan {
            eigen: Vec::new(),
            landing: Vec::new(),
            exact: Vec::new(),
        };
        let mut a = 0;
        for j in 0..N {
            if self.support.get(a) == Some(&j) {
                if miss(n, self.p[a]) <= HEAT_TOL {
                    plan.eigen.push(a);
                } else {
                    plan.exact.push(j);
                }
                a += 1;
            } else {
                // Off the support: one exact transform, then n - 1 more.
                let land = self.landing_scale(j);
                if land > 0.0 && miss(n - 1, land) <= HEAT_TOL {
                    plan.landing.push(j);
                } else {
                    plan.exact.push(j);
                }
            }
        }
        plan
    }

    /// `U L^n U^T` on the support, for the support columns `cols`.
    async fn eigen_columns(&self, cols: &[usize], n: u64, out: &mut [f64], meter: &Meter) {
        let m = self.support.len();
        let kept: Vec<usize> = (0..self.values.len())
            .filter(|&r| libm::fabs(pow_u(self.values[r], n)) > 1e-10)
            .collect();
        let mut g = vec![0.0; m];
        for &b in cols {
            g.iter_mut().for_each(|v| *v = 0.0);
            for &r in &kept {
                let u = &self.vectors[r];
                let f = pow_u(self.values[r], n) * u[b];
                if f != 0.0 {
                    axpy(&mut g, f, u);
                }
            }
            let j = self.support[b];
            for (a, &i) in self.support.iter().enumerate() {
                out[i * N + j] = self.p[a] * g[a] / self.p[b];
            }
            meter.spend((kept.len() + 2) * m).await;
        }
    }

    /// The columns `cols` off the support: one exact transform, then the
    /// eigenbasis for the `n - 1` others.
    async fn landing_columns(&self, cols: &[usize], n: u64, out: &mut [f64], meter: &Meter) {
        for &j in cols {
            let col: Vec<f64> = (0..N).map(|i| self.t.m[i * N + j]).collect();
            let (c, _) = self.project(&col);
            for (i, v) in self.expand(&c, n - 1).into_iter().enumerate() {
                out[i * N + j] = v;
            }
            meter.spend(self.project_work() + self.expand_work()).await;
        }
    }

    /// Far out: each column of `cols` walks as an input does (exact
    /// transforms until the eigenbasis holds it), resumed from the cache.
    async fn walked_columns(
        &self,
        cols: &[usize],
        n: u64,
        cache: &mut PowerMatrixCache,
        out: &mut [f64],
        meter: &Meter,
    ) {
        if cache.walks.len() != N {
            cache.walks = (0..N).map(|_| None).collect();
        }
        let mut e = vec![0.0; N];
        for &j in cols {
            let walk = match cache.walks[j].take() {
                Some(w) if w.applied <= n => w,
                _ => {
                    e[j] = 1.0;
                    let give_up = self.direct.saturating_add(DISPLAY_WALK);
                    let w = Walk::with_tolerance(&e, HEAT_TOL, give_up, HEAT_DROP);
                    e[j] = 0.0;
                    w
                }
            };
            let mut walk = walk;
            for (i, x) in walk.at(self, n, meter).await.into_iter().enumerate() {
                out[i * N + j] = x;
            }
            cache.walks[j] = Some(walk);
        }
    }

    /// The smallest `p` where one transform of a point mass at `j` puts a
    /// visible share (0 if it lands off the support).
    fn landing_scale(&self, j: usize) -> f64 {
        let col = (0..N).map(|i| self.t.m[i * N + j]);
        let top = col.clone().fold(0.0f64, |m, v| m.max(v));
        let mut scale = f64::INFINITY;
        let mut a = 0;
        for (i, v) in col.enumerate() {
            let on = self.support.get(a) == Some(&i);
            if v > 1e-3 * top {
                if !on {
                    return 0.0;
                }
                scale = scale.min(self.p[a]);
            }
            if on {
                a += 1;
            }
        }
        if scale.is_finite() {
            scale
        } else {
            0.0
        }
    }

    /// Columns `cols` (ascending) of `Q̂^n` (row-major `N x cols.len()`) as
    /// `Q̂ (Q̂ (...))` applied to them, from the cached power of a lower count
    /// if it has these columns (the heat maps' counts come in increasing
    /// order: one product each). Each product is over the band of `Q̂` and
    /// the columns of the block where the previous power is not negligible,
    /// a row at a time.
    async fn power_columns(
        &self,
        cols: &[usize],
        n: u64,
        cache: &mut PowerMatrixCache,
        meter: &Meter,
    ) -> Vec<f64> {
        let w = cols.len();
        let t = &self.t;
        let band = row_ranges(&t.m, N, HEAT_DROP);
        let cached = cache
            .products
            .take()
            .filter(|p| p.n < n)
            .and_then(|p| Some((p.n, p.select(cols)?)));
        let (from, mut cur) = match cached {
            Some(c) => c,
            None => {
                let mut cur = vec![0.0; N * w];
                for i in 0..N {
                    for (c, &j) in cols.iter().enumerate() {
                        cur[i * w + c] = t.m[i * N + j];
                    }
                }
                (1, cur)
            }
        };
        meter.spend(2 * N * w).await;
        let mut next = vec![0.0; N * w];
        for _ in from..n {
            let rows = row_ranges(&cur, w, HEAT_DROP);
            next.iter_mut().for_each(|v| *v = 0.0);
            meter.spend(2 * N * w).await;
            for i in 0..N {
                let (lo, hi) = band[i];
                let orow = &mut next[i * w..(i + 1) * w];
                let mut work = 8;
                for k in lo..hi {
                    let a = t.m[i * N + k];
                    let (clo, chi) = rows[k];
                    if a != 0.0 && clo < chi {
                        axpy(&mut orow[clo..chi], a, &cur[k * w + clo..k * w + chi]);
                        work += chi - clo;
                    }
                }
                meter.spend(work).await;
            }
            core::mem::swap(&mut cur, &mut next);
        }
        cur
    }
}
