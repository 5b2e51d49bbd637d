//! Demo 2: one forward step, its likelihood and posterior, and the posterior
//! at a fixed condition z against GaussFun (eq. 3.4).
use super::{Control, SeededStep, DATA_SEED};
use crate::data;
use crate::error::EngineError;
use crate::grid;
use crate::posterior::{gauss_fun, ForwardStep};
use alloc::vec::Vec;

pub const ALPHA: Control = Control::new(0.001, 0.999, 0.001, 0.98);
pub const COND: Control = Control::new(grid::LO, grid::HI, 0.1, 0.2);

params! {
    seed: u32 = DATA_SEED,
    alpha: f64 = ALPHA.default,
    /// The fixed condition z.
    cond: f64 = COND.default,
}

/// Demo 2's q(x): special seeds apply.
pub fn q_x(seed: u32) -> Result<Vec<f64>, EngineError> {
    data::hijacked(seed, 0, data::DEFAULT_MODAL_COUNT)
}

/// The grid column the original shows for condition `z`:
/// `trunc((z + 2.3) / res)`.
pub fn cond_index(z: f64) -> Result<usize, EngineError> {
    grid::index_of(z).ok_or(EngineError::OutOfRange {
        param: "cond",
        value: z,
        min: grid::LO,
        max: grid::HI,
    })
}

/// Which plots changed in an update.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changed {
    pub q_x: bool,
    /// q(z), the likelihood and the posterior matrices.
    pub step: bool,
    /// The posterior at the condition and GaussFun.
    pub condition: bool,
}

/// Everything demo 2 shows for the last parameters given.
#[derive(Debug, Clone, Default)]
pub struct Model {
    params: Option<Params>,
    base: SeededStep,
    likelihood: Vec<f64>,
    column: Vec<f64>,
    gauss: Vec<f64>,
    /// The reader's own q(x) (issue 16), used in place of the seed's.
    own: Option<Vec<f64>>,
}

model_methods!(seeded);

impl Model {
    /// Uses `q` (checked and normalised by [`crate::own`]) in place of
    /// the seed's q(x), or the seed's again for `None`; the next
    /// update recomputes everything.
    pub fn set_own_q_x(&mut self, q: Option<Vec<f64>>) {
        self.own = q;
        self.base.seed = None;
        self.params = None;
    }

    /// Whether q(x) is the reader's own.
    pub fn has_own_q_x(&self) -> bool {
        self.own.is_some()
    }

    /// Recomputes what `p` changes; after an error the next update
    /// recomputes everything that depends on what failed.
    pub fn update(&mut self, p: &Params) -> Result<Changed, EngineError> {
        let old = self.params.take();
        let j = cond_index(p.cond)?;
        let gauss = gauss_fun(p.alpha, p.cond)?;
        let own = &self.own;
        let (new_q, new_step) = self.base.update(p.seed, p.alpha, |seed| match own {
            Some(q) => Ok(q.clone()),
            None => q_x(seed),
        })?;
        let mut c = Changed {
            q_x: new_q,
            step: new_step || old.is_none(),
            condition: false,
        };
        if c.step {
            self.likelihood = self.base.step.likelihood(&self.base.q_x);
        }
        c.condition = c.step || old.map(|o| o.cond) != Some(p.cond);
        if c.condition {
            self.column = self.base.step.posterior_column(j);
            self.gauss = gauss;
        }
        self.params = Some(*p);
        Ok(c)
    }

    /// q(z|x), row-major, rows on x.
    pub fn likelihood(&self) -> &[f64] {
        &self.likelihood
    }
    /// q(x|z) at the condition's column.
    pub fn posterior_at_cond(&self) -> &[f64] {
        &self.column
    }
    pub fn gauss_fun(&self) -> &[f64] {
        &self.gauss
    }
}
