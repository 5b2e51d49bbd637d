//! Leading eigenpairs of a symmetric `N x N` matrix by Lanczos with full
//! reorthogonalisation.
//!
//! Written by hand: no no_std crate offers a partial symmetric eigensolver,
//! and the full decomposition (nalgebra's `SymmetricEigen`, kept for the small
//! tridiagonal problem) costs ~145 ms at N = 461 where the posterior's
//! spectrum decays so fast that ~50 eigenpairs carry everything above 1e-12.
use crate::grid::N;
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
