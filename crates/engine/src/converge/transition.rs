//! Demo 4.2's transform `Q̂`: the posterior with each column divided by its
//! sum (in log space where that sum underflows).
use super::TINY_COLUMN;
use crate::error::{check_alpha, check_len, EngineError};
use crate::grid::{x, N};
use crate::posterior::{ForwardStep, IDENTITY_EPS};
use alloc::vec;
use alloc::vec::Vec;

/// Demo 4.2's transform `Q̂`: the posterior of `step` with each column divided
/// by its sum, so every column is a distribution over x (row-major, rows on
/// x). A column whose sum underflows is formed in log space from `q_x`; for
/// alpha within 1e-5 of 1 (the identity transform) `Q̂` is the identity.
pub fn transition(q_x: &[f64], step: &ForwardStep) -> Result<Vec<f64>, EngineError> {
    check_len("q_x", q_x, N)?;
    let alpha = check_alpha("step.alpha", step.alpha())?;
    let mut t = vec![0.0; N * N];
    if 1.0 - alpha < IDENTITY_EPS {
        (0..N).for_each(|i| t[i * N + i] = 1.0);
        return Ok(t);
    }
    let sums = column_sums(step.posterior());
    // False also for a NaN sum.
    let normal: Vec<bool> = sums.iter().map(|&s| s >= TINY_COLUMN).collect();
    for (trow, prow) in t.chunks_exact_mut(N).zip(step.posterior().chunks_exact(N)) {
        for (((o, &v), &s), &ok) in trow.iter_mut().zip(prow).zip(&sums).zip(&normal) {
            *o = if ok { v / s } else { 0.0 };
        }
    }
    log_space_columns(q_x, step, alpha, &normal, &mut t);
    Ok(t)
}

/// Column sums of a row-major `N x N` matrix with Neumaier's compensation:
/// the columns of `Q̂` then sum to 1 within rounding, so a million products
/// keep the mass.
fn column_sums(m: &[f64]) -> Vec<f64> {
    let mut sum = [0.0f64; N];
    let mut comp = [0.0f64; N];
    for row in m.chunks_exact(N) {
        for ((s, c), &v) in sum.iter_mut().zip(comp.iter_mut()).zip(row) {
            let t = *s + v;
            *c += if libm::fabs(*s) >= libm::fabs(v) {
                (*s - t) + v
            } else {
                (v - t) + *s
            };
            *s = t;
        }
    }
    sum.iter().zip(&comp).map(|(s, c)| s + c).collect()
}

/// Fills the columns of `t` that are not `normal` from the joint's logarithm,
/// `log J[i][j] = log(q_i / r_i) - (z_j - sqrt(alpha) x_i)^2 / 2(1 - alpha) + const`,
/// normalised with its largest term taken out.
fn log_space_columns(q_x: &[f64], step: &ForwardStep, alpha: f64, normal: &[bool], t: &mut [f64]) {
    let var = 1.0 - alpha;
    let sa = libm::sqrt(alpha);
    let log_w: Vec<f64> = q_x
        .iter()
        .zip(step.row_norms())
        .map(|(&q, &r)| {
            if q > 0.0 && r > 0.0 && q.is_finite() && r.is_finite() {
                libm::log(q) - libm::log(r)
            } else {
                f64::NEG_INFINITY
            }
        })
        .collect();
    let mut l = vec![0.0; N];
    for j in (0..N).filter(|&j| !normal[j]) {
        let zj = x(j);
        for (i, li) in l.iter_mut().enumerate() {
            let d = zj - sa * x(i);
            *li = log_w[i] - d * d / (2.0 * var);
        }
        let top = l.iter().fold(f64::NEG_INFINITY, |m, &v| m.max(v));
        if !top.is_finite() {
            continue;
        }
        let total: f64 = l.iter().map(|&v| libm::exp(v - top)).sum();
        for (i, &li) in l.iter().enumerate() {
            t[i * N + j] = libm::exp(li - top) / total;
        }
    }
}
