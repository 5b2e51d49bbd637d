//! Figure C.2: fewer non-zero posterior elements as alpha grows.

use crate::error::EngineError;
use alloc::vec::Vec;

use super::grid::{Mixture, WIDE_GRID};
use super::transform::{count_above_log2, log2_floored, posterior_matrix, GridPosterior};
use super::LOG2_FLOOR;

/// One panel of C.2.
#[derive(Debug, Clone, PartialEq)]
pub struct PosteriorSparsity {
    pub alpha: f64,
    /// q(x) on [`WIDE_GRID`].
    pub q_x: Vec<f64>,
    /// The posterior q(x|z) (with `beta = 1 - alpha`).
    pub posterior: GridPosterior,
    /// `log2 q(x|z)`, floored at [`LOG2_FLOOR`].
    pub log2_posterior: Vec<f64>,
    /// Elements above `2^LOG2_FLOOR`.
    pub nonzero: usize,
    /// All elements.
    pub total: usize,
}

/// C.2's q(x): the demos' default data (the seed's 16-component shape-0
/// mixture plus 1e-8, as demos 1 and 2 draw it) evaluated on [-3, 3].
pub fn c2_data(seed: u32) -> Result<Vec<f64>, EngineError> {
    Ok(Mixture::seeded(seed, 0, crate::data::DEFAULT_MODAL_COUNT)?.on_grid(&WIDE_GRID, 1e-8))
}

/// Figure C.2 for one alpha (0 < alpha < 1, `beta = 1 - alpha`), on `q_x`
/// from [`c2_data`].
pub fn posterior_sparsity(q_x: &[f64], alpha: f64) -> Result<PosteriorSparsity, EngineError> {
    crate::error::check_alpha("alpha", alpha)?;
    let posterior = posterior_matrix(&WIDE_GRID, q_x, alpha, 1.0 - alpha)?;
    let log2_posterior = log2_floored(&posterior.matrix, LOG2_FLOOR);
    let nonzero = count_above_log2(&posterior.matrix, LOG2_FLOOR);
    Ok(PosteriorSparsity {
        alpha,
        q_x: q_x.to_vec(),
        total: posterior.matrix.len(),
        posterior,
        log2_posterior,
        nonzero,
    })
}
