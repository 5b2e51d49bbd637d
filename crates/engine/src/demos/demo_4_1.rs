//! Demo 4.1: one posterior transform brings two random inputs closer; its
//! rate, lambda2.
use super::{Control, SeededStep, DATA_SEED};
use crate::contraction::{self, Contraction};
use crate::error::EngineError;
use crate::posterior::ForwardStep;
use alloc::vec::Vec;

pub const ALPHA: Control = Control::new(0.001, 0.999, 0.001, 0.95);
pub const INPUTS_SEED: u32 = 100;
/// "change inputs seed" draws from 0..this (NumPy's `randint(0, 1000000)`).
pub const INPUTS_SEED_RANGE: u32 = 1_000_000;

params! {
    seed: u32 = DATA_SEED,
    alpha: f64 = ALPHA.default,
    inputs_seed: u32 = INPUTS_SEED,
}

/// Which plots changed in an update.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changed {
    pub q_x: bool,
    /// The posterior, q(z) and lambda2.
    pub step: bool,
    /// The two inputs (only the inputs seed changes them).
    pub inputs: bool,
    /// The two outputs and the JS distances.
    pub contraction: bool,
}

/// Everything demo 4.1 shows for the last parameters given.
#[derive(Debug, Clone, Default)]
pub struct Model {
    params: Option<Params>,
    shape_type: u32,
    base: SeededStep,
    /// `None` while pending (see [`Model::update_deferred`]).
    lambda2: Option<f64>,
    contraction: Option<Contraction>,
    /// The reader's own q(x) (issue 16), used in place of the seed's.
    own: Option<Vec<f64>>,
}

model_methods!(seeded);

impl Model {
    /// As demo 2's [`set_own_q_x`](super::demo_2::Model::set_own_q_x)
    /// (the shape type stays the seed's).
    pub fn set_own_q_x(&mut self, q: Option<Vec<f64>>) {
        (self.own, self.base.seed, self.params) = (q, None, None);
    }

    /// Recomputes what `p` changes; after an error the next update
    /// recomputes everything that depends on what failed.
    pub fn update(&mut self, p: &Params) -> Result<Changed, EngineError> {
        let c = self.update_deferred(p)?;
        self.finish()?;
        Ok(c)
    }

    /// [`update`](Self::update) but for lambda2, left pending when the
    /// step changed ([`lambda2`](Self::lambda2) is `None` until
    /// [`finish`](Self::finish)): a page drawing one update per frame
    /// shows the plots at once and lambda2 (~1-3 ms) a moment later.
    pub fn update_deferred(&mut self, p: &Params) -> Result<Changed, EngineError> {
        let old = self.params.take();
        let mut shape = self.shape_type;
        let own = &self.own;
        let (new_q, new_step) = self.base.update(p.seed, p.alpha, |seed| {
            let (s, q) = contraction::data_for_seed(seed)?;
            shape = s;
            Ok(own.clone().unwrap_or(q))
        })?;
        self.shape_type = shape;
        let mut c = Changed {
            q_x: new_q,
            step: new_step || old.is_none(),
            ..Changed::default()
        };
        if c.step {
            self.lambda2 = None;
        }
        c.inputs = old.map(|o| o.inputs_seed) != Some(p.inputs_seed);
        c.contraction = c.step || c.inputs;
        if c.contraction {
            self.contraction = Some(contraction::contraction(&self.base.step, p.inputs_seed)?);
        }
        self.params = Some(*p);
        Ok(c)
    }

    /// Computes lambda2 if it is pending; returns it.
    pub fn finish(&mut self) -> Result<f64, EngineError> {
        if let Some(l) = self.lambda2 {
            return Ok(l);
        }
        // (Before any update q(x) is empty: refused as a bad length.)
        let l = contraction::lambda2(&self.base.q_x, &self.base.step)?;
        self.lambda2 = Some(l);
        Ok(l)
    }

    /// The shape drawn from the seed (`randint(0, 4)`).
    pub fn shape_type(&self) -> u32 {
        self.shape_type
    }
    /// lambda2 of the current step; `None` while pending.
    pub fn lambda2(&self) -> Option<f64> {
        self.lambda2
    }
    pub fn contraction(&self) -> Option<&Contraction> {
        self.contraction.as_ref()
    }
}
