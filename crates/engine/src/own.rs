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
