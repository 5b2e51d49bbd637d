//! Demo 1: the linear transform, the added noise, and both (eq. 1.1).
use super::{Control, DATA_SEED};
use crate::data;
use crate::error::{check_alpha, EngineError};
use crate::transform;
use alloc::vec::Vec;

pub const ALPHA_LINEAR: Control = Control::new(0.3, 0.999, 0.001, 0.7);
pub const ALPHA_NOISE: Control = Control::new(0.3, 0.999, 0.001, 0.995);

params! {
    seed: u32 = DATA_SEED,
    alpha_linear: f64 = ALPHA_LINEAR.default,
    alpha_noise: f64 = ALPHA_NOISE.default,
}

/// Demo 1's q(x): the plain mixture (no special-seed override).
pub fn q_x(seed: u32) -> Result<Vec<f64>, EngineError> {
    data::mixture(seed, 0, data::DEFAULT_MODAL_COUNT)
}

/// Which of the four curves changed in an update.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changed {
    pub q_x: bool,
    pub linear: bool,
    pub noise: bool,
    pub both: bool,
}

/// The four curves of demo 1 for the last parameters given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    params: Option<Params>,
    q_x: Vec<f64>,
    linear: Vec<f64>,
    noise: Vec<f64>,
    both: Vec<f64>,
}

model_methods!();

impl Model {
    /// Recomputes what `p` changes, in place. A refused alpha leaves
    /// the model as it was (both are checked before anything changes);
    /// after any later error the next update recomputes everything.
    pub fn update(&mut self, p: &Params) -> Result<Changed, EngineError> {
        check_alpha("alpha_linear", p.alpha_linear)?;
        check_alpha("alpha_noise", p.alpha_noise)?;
        let old = self.params.take();
        let mut c = Changed {
            q_x: old.map(|o| o.seed) != Some(p.seed),
            ..Changed::default()
        };
        if c.q_x {
            self.q_x = q_x(p.seed)?;
        }
        c.linear = c.q_x || old.map(|o| o.alpha_linear) != Some(p.alpha_linear);
        if c.linear {
            self.linear = transform::linear(&self.q_x, p.alpha_linear)?;
        }
        c.noise = c.q_x || old.map(|o| o.alpha_noise) != Some(p.alpha_noise);
        if c.noise {
            self.noise.resize(self.q_x.len(), 0.0);
            transform::add_noise_into(&self.q_x, p.alpha_noise, &mut self.noise)?;
        }
        c.both = c.linear || c.noise;
        if c.both {
            self.both.resize(self.linear.len(), 0.0);
            transform::add_noise_into(&self.linear, p.alpha_noise, &mut self.both)?;
        }
        self.params = Some(*p);
        Ok(c)
    }

    pub fn q_x(&self) -> &[f64] {
        &self.q_x
    }
    pub fn linear(&self) -> &[f64] {
        &self.linear
    }
    pub fn noise(&self) -> &[f64] {
        &self.noise
    }
    pub fn both(&self) -> &[f64] {
        &self.both
    }
}
