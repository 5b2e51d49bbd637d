//! Leading eigenpairs of a symmetric `N x N` matrix by Lanczos with full
//! reorthogonalisation ([`leading_eigenpairs`], one shot), and a resumable
//! Lanczos over any symmetric operator with the tridiagonal QL behind its
//! Ritz pairs (demo 4.2's powers).
//!
//! Written by hand: no no_std crate offers a partial symmetric eigensolver,
//! and the full decomposition (nalgebra's `SymmetricEigen`, kept for the small
//! tridiagonal problem) costs ~145 ms at N = 461 where the posterior's
//! spectrum decays so fast that ~50 eigenpairs carry everything above 1e-12.
use crate::grid::N;
use crate::work::{run, Meter};
use alloc::vec;
use alloc::vec::Vec;

/// Eigenpairs in descending order of eigenvalue.
#[derive(Debug, Clone)]
pub struct Eigenpairs {
    /// Eigenvalues, descending.
    pub values: Vec<f64>,
    /// `vectors[r]` is the unit eigenvector of `values[r]`.
    pub vectors: Vec<Vec<f64>>,
    /// `residuals[r]` bounds `|S u - lambda u|` for pair r (0 when the Krylov
    /// space became invariant): small means converged.
    pub residuals: Vec<f64>,
}

pub(crate) fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

pub(crate) fn axpy(y: &mut [f64], a: f64, x: &[f64]) {
    y.iter_mut().zip(x).for_each(|(yi, xi)| *yi += a * xi);
}

pub(crate) fn orthogonalise(w: &mut [f64], against: &[Vec<f64>]) {
    // Twice is enough (Kahan-Parlett "twice is enough").
    for _ in 0..2 {
        for b in against {
            let c = dot(w, b);
            axpy(w, -c, b);
        }
    }
}

/// The symmetric tridiagonal matrix with diagonal `a` and off-diagonal `b`
/// (the Lanczos matrix T).
pub(crate) fn tridiagonal(a: &[f64], b: &[f64]) -> nalgebra::DMatrix<f64> {
    let k = a.len();
    let mut t = nalgebra::DMatrix::<f64>::zeros(k, k);
    for i in 0..k {
        t[(i, i)] = a[i];
        if i + 1 < k {
            t[(i, i + 1)] = b[i];
            t[(i + 1, i)] = b[i];
        }
    }
    t
}

/// A fixed start vector with every component non-zero where `mask` is, so no
/// eigenvector of interest is orthogonal to it.
pub(crate) fn start_vector(mask: Option<&[f64]>) -> Vec<f64> {
    (0..N)
        .map(|i| {
            let v = 1.0 + 0.5 * libm::sin(i as f64 * 0.7) + i as f64 / N as f64;
            match mask {
                Some(m) if m.get(i).is_none_or(|&v| v == 0.0) => 0.0,
                _ => v,
            }
        })
        .collect()
}

/// Runs up to `steps` Lanczos steps on `s` (row-major, symmetric), in the
/// complement of the unit vectors `deflate`, and returns the Ritz pairs,
/// descending. `mask` zeroes the start vector where a row of `s` is empty.
pub fn leading_eigenpairs(
    s: &[f64],
    deflate: &[Vec<f64>],
    mask: Option<&[f64]>,
    steps: usize,
) -> Eigenpairs {
    let steps = steps.clamp(1, N);
    let mut q = start_vector(mask);
    orthogonalise(&mut q, deflate);
    let n0 = libm::sqrt(dot(&q, &q));
    if n0 == 0.0 {
        return Eigenpairs {
            values: Vec::new(),
            vectors: Vec::new(),
            residuals: Vec::new(),
        };
    }
    q.iter_mut().for_each(|v| *v /= n0);
    let mut basis: Vec<Vec<f64>> = Vec::with_capacity(steps);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let mut w = vec![0.0; N];
    let mut last_beta = 0.0;
    for _ in 0..steps {
        for (wi, row) in w.iter_mut().zip(s.chunks_exact(N)) {
            *wi = dot(row, &q);
        }
        a.push(dot(&w, &q));
        basis.push(core::mem::take(&mut q));
        orthogonalise(&mut w, deflate);
        orthogonalise(&mut w, &basis);
        let beta = libm::sqrt(dot(&w, &w));
        last_beta = beta;
        if beta <= 1e-300 || basis.len() == steps {
            break;
        }
        // An invariant subspace is found when beta is negligible against the
        // matrix scale; continuing would only add noise.
        if beta <= 1e-14 * a.iter().fold(0.0f64, |m, v| m.max(libm::fabs(*v))) {
            last_beta = 0.0;
            break;
        }
        b.push(beta);
        q = w.iter().map(|v| v / beta).collect();
    }
    let k = a.len();
    let eig = nalgebra::SymmetricEigen::new(tridiagonal(&a, &b));
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&x, &y| {
        eig.eigenvalues[y]
            .partial_cmp(&eig.eigenvalues[x])
            .unwrap_or(core::cmp::Ordering::Equal)
    });
    let values = order.iter().map(|&r| eig.eigenvalues[r]).collect();
    let vectors = order
        .iter()
        .map(|&r| {
            let mut v = vec![0.0; N];
            for (j, bj) in basis.iter().enumerate() {
                axpy(&mut v, eig.eigenvectors[(j, r)], bj);
            }
            v
        })
        .collect();
    let residuals = order
        .iter()
        .map(|&r| libm::fabs(last_beta * eig.eigenvectors[(k - 1, r)]))
        .collect();
    Eigenpairs {
        values,
        vectors,
        residuals,
    }
}

/// `a . b` with four independent partial sums (so the compiler can keep
/// several multiply-adds in flight; the order of summation differs from
/// [`dot`] only by rounding).
pub(crate) fn dot4(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = [0.0f64; 4];
    let (a4, b4) = (a.chunks_exact(4), b.chunks_exact(4));
    let (ra, rb) = (a4.remainder(), b4.remainder());
    for (x, y) in a4.zip(b4) {
        acc[0] += x[0] * y[0];
        acc[1] += x[1] * y[1];
        acc[2] += x[2] * y[2];
        acc[3] += x[3] * y[3];
    }
    let mut tail = 0.0;
    for (x, y) in ra.iter().zip(rb) {
        tail += x * y;
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// Eigenvalues of the symmetric tridiagonal matrix with diagonal `d` and
/// off-diagonal `e` (`e[i]` couples `i` and `i + 1`; `e` has `d.len()`
/// entries, the last ignored), by implicit QL with Wilkinson shifts (as
/// EISPACK's `tql2`). `cols[i]` holds the tracked rows of column `i` of the
/// eigenvector matrix (all of them equally long) and is rotated along:
/// start from `cols[i] = [delta(i, k - 1)]` to get the last components (the
/// Lanczos residuals) in O(k^2), or from the identity's columns to get the
/// eigenvectors. On return `d` holds the eigenvalues in no particular
/// order; false if an eigenvalue took more than 60 sweeps (not seen; the
/// values are then less accurate).
pub(crate) fn tridiagonal_ql(d: &mut [f64], e: &mut [f64], cols: &mut [Vec<f64>]) -> bool {
    let meter = Meter::unlimited();
    run(&meter, tridiagonal_ql_metered(d, e, cols, &meter))
}

/// [`tridiagonal_ql`] that counts its work on `meter` (one sweep at a time).
pub(crate) async fn tridiagonal_ql_metered(
    d: &mut [f64],
    e: &mut [f64],
    cols: &mut [Vec<f64>],
    meter: &Meter,
) -> bool {
    let n = d.len();
    let len = cols.first().map_or(0, |c| c.len());
    if e.len() < n || (cols.len() != n && !cols.is_empty()) || cols.iter().any(|c| c.len() != len) {
        return false;
    }
    if n == 0 {
        return true;
    }
    e[n - 1] = 0.0;
    let mut ok = true;
    for l in 0..n {
        let mut sweeps = 0;
        loop {
            let mut m = l;
            while m + 1 < n {
                let dd = libm::fabs(d[m]) + libm::fabs(d[m + 1]);
                if libm::fabs(e[m]) <= f64::EPSILON * dd {
                    break;
                }
                m += 1;
            }
            if m == l {
                break;
            }
            sweeps += 1;
            if sweeps > 60 {
                ok = false;
                break;
            }
            let mut g = (d[l + 1] - d[l]) / (2.0 * e[l]);
            let mut r = libm::hypot(g, 1.0);
            g = d[m] - d[l] + e[l] / (g + libm::copysign(r, g));
            let (mut s, mut c, mut p) = (1.0, 1.0, 0.0);
            let mut deflated = false;
            let mut i = m;
            while i > l {
                i -= 1;
                let f = s * e[i];
                let b = c * e[i];
                r = libm::hypot(f, g);
                e[i + 1] = r;
                if r == 0.0 {
                    d[i + 1] -= p;
                    e[m] = 0.0;
                    deflated = true;
                    break;
                }
                s = f / r;
                c = g / r;
                g = d[i + 1] - p;
                r = (d[i] - g) * s + 2.0 * c * b;
                p = s * r;
                d[i + 1] = g + p;
                g = c * r - b;
                if let [a, b, ..] = &mut cols[i..] {
                    for (x, y) in a.iter_mut().zip(b.iter_mut()) {
                        let f = *y;
                        *y = s * *x + c * f;
                        *x = c * *x - s * f;
                    }
                }
            }
            meter.spend((m - l) * (2 * len + 8)).await;
            if deflated {
                continue;
            }
            d[l] -= p;
            e[l] = g;
            e[m] = 0.0;
        }
    }
    ok
}

/// Ritz values of a [`Lanczos`] run, descending, with their residual bounds.
#[derive(Debug, Clone)]
pub(crate) struct Ritz {
    /// Ritz values, descending.
    pub values: Vec<f64>,
    /// `|beta_k s_k|`: the norm of `S y - theta y` for each Ritz pair.
    pub residuals: Vec<f64>,
    /// Index of each value in the tridiagonal's own order (for
    /// [`Lanczos::vectors`]).
    order: Vec<usize>,
}

/// Lanczos with full reorthogonalisation on a symmetric operator of any
/// dimension, given by its product with a vector, in the complement of some
/// orthonormal vectors; it can be extended step by step and asked for its
/// Ritz pairs at any point.
pub(crate) struct Lanczos {
    deflate: Vec<Vec<f64>>,
    basis: Vec<Vec<f64>>,
    alphas: Vec<f64>,
    /// `betas[k]` couples `basis[k]` and `basis[k + 1]` (the last one, the
    /// residual of the newest step, couples to `next`).
    betas: Vec<f64>,
    next: Vec<f64>,
    /// The Krylov space is invariant (or the whole space): no more steps.
    done: bool,
}

impl Lanczos {
    /// Starts from `start` (orthogonalised against `deflate`, which must be
    /// orthonormal).
    pub fn new(start: Vec<f64>, deflate: Vec<Vec<f64>>) -> Self {
        let mut q = start;
        orthogonalise(&mut q, &deflate);
        let n0 = libm::sqrt(dot4(&q, &q));
        let done = n0 == 0.0 || !n0.is_finite();
        if !done {
            q.iter_mut().for_each(|v| *v /= n0);
        }
        Self {
            deflate,
            basis: Vec::new(),
            alphas: Vec::new(),
            betas: Vec::new(),
            next: q,
            done,
        }
    }

    /// Steps taken.
    pub fn len(&self) -> usize {
        self.basis.len()
    }

    /// Whether no further step is possible (an invariant subspace or the
    /// whole space).
    pub fn finished(&self) -> bool {
        self.done
    }

    /// Takes up to `steps` more steps; `apply(v, out)` writes `S v` to `out`.
    pub fn extend(&mut self, steps: usize, mut apply: impl FnMut(&[f64], &mut [f64])) {
        let dim = self.next.len();
        let mut w = vec![0.0; dim];
        for _ in 0..steps {
            if self.done {
                return;
            }
            let q = core::mem::take(&mut self.next);
            apply(&q, &mut w);
            let a = dot4(&w, &q);
            self.alphas.push(a);
            self.basis.push(q);
            for _ in 0..2 {
                for b in self.deflate.iter().chain(&self.basis) {
                    let c = dot4(&w, b);
                    axpy(&mut w, -c, b);
                }
            }
            let beta = libm::sqrt(dot4(&w, &w));
            let scale = self
                .alphas
                .iter()
                .fold(0.0f64, |m, v| m.max(libm::fabs(*v)));
            if self.basis.len() + self.deflate.len() >= dim
                || !beta.is_finite()
                || beta <= 1e-14 * scale
                || beta <= 1e-300
            {
                self.betas.push(0.0);
                self.next = vec![0.0; dim];
                self.done = true;
                return;
            }
            self.betas.push(beta);
            self.next = w.iter().map(|v| v / beta).collect();
        }
    }

    /// The Ritz values and residual bounds of the steps so far.
    pub fn ritz(&self) -> Ritz {
        let k = self.alphas.len();
        let mut d = self.alphas.clone();
        let mut e = self.betas.clone();
        let mut last: Vec<Vec<f64>> = (0..k)
            .map(|i| vec![if i + 1 == k { 1.0 } else { 0.0 }])
            .collect();
        tridiagonal_ql(&mut d, &mut e, &mut last);
        let beta = self.betas.last().copied().unwrap_or(0.0);
        let mut order: Vec<usize> = (0..k).collect();
        order.sort_by(|&x, &y| {
            d[y].partial_cmp(&d[x])
                .unwrap_or(core::cmp::Ordering::Equal)
        });
        Ritz {
            values: order.iter().map(|&r| d[r]).collect(),
            residuals: order
                .iter()
                .map(|&r| libm::fabs(beta * last[r][0]))
                .collect(),
            order,
        }
    }

    /// Work of the next step on an operator whose product costs `apply`
    /// (the product, then reorthogonalisation against all vectors twice).
    pub fn step_work(&self, apply: usize) -> usize {
        let dim = self.next.len();
        apply + 4 * (self.deflate.len() + self.basis.len() + 2) * dim
    }

    /// The Ritz vectors of the first `count` pairs of `ritz` (which must come
    /// from this run at its current length), counting the work on `meter`.
    pub(crate) async fn vectors_metered(
        &self,
        ritz: &Ritz,
        count: usize,
        meter: &Meter,
    ) -> Vec<Vec<f64>> {
        let k = self.alphas.len();
        let mut d = self.alphas.clone();
        let mut e = self.betas.clone();
        let mut z: Vec<Vec<f64>> = (0..k)
            .map(|i| {
                let mut col = vec![0.0; k];
                col[i] = 1.0;
                col
            })
            .collect();
        tridiagonal_ql_metered(&mut d, &mut e, &mut z, meter).await;
        let dim = self.basis.first().map_or(0, |b| b.len());
        let mut out = Vec::with_capacity(count);
        for &r in ritz.order.iter().take(count) {
            let mut v = vec![0.0; dim];
            for (b, &c) in self.basis.iter().zip(&z[r]) {
                axpy(&mut v, c, b);
            }
            out.push(v);
            meter.spend(k * dim).await;
        }
        out
    }
}
