//! Demo 1: the two halves of one forward step taken apart, on the grid
//! (section 1 of the article).
use crate::error::{check_alpha, check_len, EngineError};
use crate::grid::{normal_pdf, x, LO, N, RES};
use alloc::vec;
use alloc::vec::Vec;

/// pdf of `Y = sqrt(alpha) X` (eq. 1.1's linear part): `q(y / sqrt(alpha)) / sqrt(alpha)`,
/// looked up at `trunc((y / sqrt(alpha) + 2.3) / res)` and zero off the grid.
pub fn linear(q_x: &[f64], alpha: f64) -> Result<Vec<f64>, EngineError> {
    check_len("q_x", q_x, N)?;
    check_alpha("alpha_linear", alpha)?;
    let s = libm::sqrt(alpha);
    Ok((0..N)
        .map(|i| {
            let t = libm::trunc((x(i) / s - LO) / RES);
            if t >= 0.0 && t < N as f64 {
                q_x[t as usize] / s
            } else {
                0.0
            }
        })
        .collect())
}

/// pdf of `Y = X + sqrt(1 - alpha) eps`: the convolution of q(x) with
/// `N(0, 1 - alpha)`, NumPy's "same"-size discrete convolution of the two
/// densities times `res`, divided by `res`.
pub fn add_noise(q_x: &[f64], alpha: f64) -> Result<Vec<f64>, EngineError> {
    let mut out = vec![0.0; N];
    add_noise_into(q_x, alpha, &mut out)?;
    Ok(out)
}

/// [`add_noise`] into a caller's buffer, for a drag loop.
pub fn add_noise_into(q_x: &[f64], alpha: f64, out: &mut [f64]) -> Result<(), EngineError> {
    check_len("q_x", q_x, N)?;
    check_len("out", out, N)?;
    check_alpha("alpha_noise", alpha)?;
    let std = libm::sqrt(1.0 - alpha);
    let kernel: Vec<f64> = (0..N).map(|i| normal_pdf(x(i), 0.0, std) * RES).collect();
    // "same" keeps the centre of the full convolution: out[k] = sum_i a[i] b[k + c - i].
    let c = (N - 1) / 2;
    for (k, o) in out.iter_mut().enumerate() {
        let mut acc = 0.0;
        // b index k + c - i must lie in 0..N.
        let i_lo = (k + c + 1).saturating_sub(N);
        let i_hi = (k + c).min(N - 1);
        for i in i_lo..=i_hi {
            acc += q_x[i] * RES * kernel[k + c - i];
        }
        *o = acc / RES;
    }
    Ok(())
}

/// All of demo 1's outputs for one q(x).
#[derive(Debug, Clone, PartialEq)]
pub struct Demo1 {
    /// pdf of `sqrt(alpha_linear) X`.
    pub linear: Vec<f64>,
    /// pdf of `X + sqrt(1 - alpha_noise) eps`.
    pub noise: Vec<f64>,
    /// The linear transform, then the noise.
    pub both: Vec<f64>,
}

/// Demo 1: linear, noise and both for `q_x`.
pub fn demo_1(q_x: &[f64], alpha_linear: f64, alpha_noise: f64) -> Result<Demo1, EngineError> {
    let linear = linear(q_x, alpha_linear)?;
    let noise = add_noise(q_x, alpha_noise)?;
    let both = add_noise(&linear, alpha_noise)?;
    Ok(Demo1 {
        linear,
        noise,
        both,
    })
}
