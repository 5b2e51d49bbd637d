//! Demos 3.1 and 3.2: the forward chain q(x) -> q(z_1) -> ... -> q(z_T)
//! (section 4) and restoring q(x) backwards through the posteriors from
//! N(0, 1) or from a noisy tail (section 5, eq. 5.1).
use crate::divergence::js_distance;
use crate::error::{check_alpha, check_len, check_range, EngineError};
use crate::grid::{normalise, standard_normal, N};
use crate::posterior::ForwardStep;
use alloc::vec;
use alloc::vec::Vec;

/// Most steps a chain may have (demo 3.1's slider goes to 15).
pub const MAX_STEPS: usize = 100;

/// `numpy.linspace(start, end, steps)`: the alphas of the chain.
pub fn alphas(start: f64, end: f64, steps: usize) -> Result<Vec<f64>, EngineError> {
    check_alpha("start_alpha", start)?;
    check_alpha("end_alpha", end)?;
    check_range("steps", steps as f64, 1.0, MAX_STEPS as f64)?;
    if steps == 1 {
        return Ok(vec![start]);
    }
    let div = (steps - 1) as f64;
    let step = (end - start) / div;
    Ok((0..steps)
        .map(|i| {
            if i == steps - 1 {
                end
            } else if step == 0.0 {
                start
            } else {
                i as f64 * step + start
            }
        })
        .collect())
}

/// The forward chain of demo 3.1: every marginal and every step's posterior.
/// The fields are private (`forward` always holds one more pdf than `steps`
/// has steps, and never more than `alphas` allows): read them through the
/// accessors.
#[derive(Debug, Clone)]
pub struct Chain {
    /// alpha_t for t = 1..=T.
    alphas: Vec<f64>,
    /// `forward[0]` is q(x); `forward[t]` is q(z_t).
    forward: Vec<Vec<f64>>,
    /// `steps[t - 1]` holds the posterior q(z_{t-1} | z_t) (no joint).
    steps: Vec<ForwardStep>,
}

impl Chain {
    /// Runs the forward chain from `q_x` through `alphas`.
    pub fn new(q_x: &[f64], alphas: &[f64]) -> Result<Self, EngineError> {
        let mut chain = Self::start(q_x, alphas)?;
        while chain.step()? {}
        Ok(chain)
    }

    /// A chain with no step taken yet, to advance one [`Chain::step`] at a time
    /// (the page draws each panel as soon as its step is done).
    pub fn start(q_x: &[f64], alphas: &[f64]) -> Result<Self, EngineError> {
        check_len("q_x", q_x, N)?;
        check_range("steps", alphas.len() as f64, 1.0, MAX_STEPS as f64)?;
        for &a in alphas {
            check_alpha("alpha", a)?;
        }
        Ok(Self {
            alphas: alphas.to_vec(),
            forward: vec![q_x.to_vec()],
            steps: Vec::with_capacity(alphas.len()),
        })
    }

    /// Takes the next forward step; `Ok(false)` once the chain is complete.
    pub fn step(&mut self) -> Result<bool, EngineError> {
        let t = self.steps.len();
        let Some(&alpha) = self.alphas.get(t) else {
            return Ok(false);
        };
        let Some(prev) = self.forward.get(t) else {
            return Ok(false);
        };
        let step = ForwardStep::posterior_only(prev, alpha)?;
        self.forward.push(step.q_z().to_vec());
        self.steps.push(step);
        Ok(true)
    }

    /// alpha_t for t = 1..=T (index t - 1).
    pub fn alphas(&self) -> &[f64] {
        &self.alphas
    }

    /// The marginals computed so far: index 0 is q(x), index t is q(z_t).
    pub fn forward(&self) -> &[Vec<f64>] {
        &self.forward
    }

    /// The steps taken so far: index t - 1 holds step t's posterior
    /// q(z_{t-1} | z_t) (no joint).
    pub fn steps(&self) -> &[ForwardStep] {
        &self.steps
    }

    /// Number of steps T.
    pub fn len(&self) -> usize {
        self.alphas.len()
    }

    /// Whether the chain has no steps (never true for a valid chain).
    pub fn is_empty(&self) -> bool {
        self.alphas.is_empty()
    }

    /// Restores backwards from `tail` standing in for q(z_T):
    /// `q(z_{t-1}) = Q_t q(z_t) res` (eq. 5.1). Index `t` of the result is the
    /// restored q(z_t); index T is `tail` itself.
    pub fn restore(&self, tail: &[f64]) -> Result<Vec<Vec<f64>>, EngineError> {
        check_len("tail", tail, N)?;
        let posteriors: Vec<&[f64]> = self.steps.iter().map(|s| s.posterior()).collect();
        Ok(restore_with(&posteriors, tail))
    }
}

/// Restores through any list of posterior matrices (index t-1 for step t),
/// the fitted ones of demo 3.3 included.
pub fn restore_with(posteriors: &[&[f64]], tail: &[f64]) -> Vec<Vec<f64>> {
    let t_max = posteriors.len();
    let mut out = vec![Vec::new(); t_max + 1];
    out[t_max] = tail.to_vec();
    for t in (1..=t_max).rev() {
        let mut prev = vec![0.0; N];
        crate::posterior::apply(posteriors[t - 1], &out[t], &mut prev);
        out[t - 1] = prev;
    }
    out
}

/// JS distance of each restored pdf to the forward pdf of the same step.
pub fn js_per_step(restored: &[Vec<f64>], forward: &[Vec<f64>]) -> Vec<f64> {
    restored
        .iter()
        .zip(forward)
        .map(|(r, f)| js_distance(r, f))
        .collect()
}

/// The tail of demo 3.2: `(1 - ratio) N(0,1) + ratio * noise`, with `noise` the
/// seed's shape-0 mixture.
pub fn noisy_tail(noise_seed: u32, ratio: f64) -> Result<Vec<f64>, EngineError> {
    check_range("noise_ratio", ratio, 0.0, 1.0)?;
    let noise = crate::data::mixture(noise_seed, 0, crate::data::DEFAULT_MODAL_COUNT)?;
    let std = standard_normal();
    let mut tail: Vec<f64> = std
        .iter()
        .zip(&noise)
        .map(|(&s, &n)| (1.0 - ratio) * s + ratio * n)
        .collect();
    normalise(&mut tail);
    Ok(tail)
}
