//! Demos 3.1-3.3: the forward chain, its restoration from N(0,1) or from a
//! noisy tail, and the restoration through fitted Gaussians.
use super::{Control, DATA_SEED};
use crate::chain::{self, Chain, MAX_STEPS};
use crate::divergence::js_distance;
use crate::error::EngineError;
use crate::{data, fit, grid, posterior};
use alloc::vec;
use alloc::vec::Vec;

pub const ALPHA: Control = Control::new(0.001, 0.999, 0.001, 0.98);
/// The page offers up to 15 steps (the engine accepts up to `MAX_STEPS`).
pub const STEPS: Control = Control::new(1.0, 15.0, 1.0, 7.0);
pub const NOISE_SEED: u32 = 200;
pub const NOISE_RATIO: Control = Control::new(0.0, 1.0, 0.1, 0.0);

params! {
    seed: u32 = DATA_SEED,
    start_alpha: f64 = ALPHA.default,
    end_alpha: f64 = ALPHA.default,
    steps: usize = STEPS.default as usize,
    noise_seed: u32 = NOISE_SEED,
    noise_ratio: f64 = NOISE_RATIO.default,
}

const _: () = assert!(STEPS.max as usize <= MAX_STEPS);

/// The chain's q(x): special seeds apply.
pub fn q_x(seed: u32) -> Result<Vec<f64>, EngineError> {
    data::hijacked(seed, 0, data::DEFAULT_MODAL_COUNT)
}

/// alpha_t = linspace(start, end, steps).
pub fn alphas(p: &Params) -> Result<Vec<f64>, EngineError> {
    chain::alphas(p.start_alpha, p.end_alpha, p.steps)
}

/// A chain at `p` with no step taken yet (advance it with
/// [`Chain::step`](crate::chain::Chain::step)).
pub fn start(p: &Params) -> Result<Chain, EngineError> {
    Chain::start(&q_x(p.seed)?, &alphas(p)?)
}

/// The whole chain at `p`.
pub fn chain(p: &Params) -> Result<Chain, EngineError> {
    let mut c = start(p)?;
    while c.step()? {}
    Ok(c)
}

/// A restoration: index `t` is the restored q(z_t) (index 0 q(x), the
/// last the tail) and its JS distance to the forward q(z_t).
#[derive(Debug, Clone, PartialEq)]
pub struct Restored {
    pub pdfs: Vec<Vec<f64>>,
    pub js: Vec<f64>,
}

impl Restored {
    fn of(c: &Chain, pdfs: Vec<Vec<f64>>) -> Self {
        let js = chain::js_per_step(&pdfs, c.forward());
        Restored { pdfs, js }
    }
}

/// Demo 3.2: the chain restored from N(0,1) (eq. 5.1).
pub fn restored_from_normal(c: &Chain) -> Result<Restored, EngineError> {
    Ok(Restored::of(c, c.restore(&grid::standard_normal())?))
}

/// Demo 3.2: the noisy tail (N(0,1) mixed with noise, eq. 5.3) and the
/// chain restored from it; `None` when the noise ratio is 0.
pub fn restored_from_noisy(
    c: &Chain,
    p: &Params,
) -> Result<Option<(Vec<f64>, Restored)>, EngineError> {
    // Validated even when unused, so a bad ratio is always refused.
    let tail = chain::noisy_tail(p.noise_seed, p.noise_ratio)?;
    if p.noise_ratio <= 0.0 {
        return Ok(None);
    }
    let restored = Restored::of(c, c.restore(&tail)?);
    Ok(Some((tail, restored)))
}

/// Demo 3.2's samples view: how many particles (default 2,000, up to 20,000).
pub const SAMPLES: Control = Control::new(100.0, 20_000.0, 100.0, 2_000.0);

/// The tail the particles start from, the one the curves they are drawn
/// over start from: the noisy tail when the noise ratio is above 0, else
/// N(0,1).
pub fn samples_tail(p: &Params) -> Result<Vec<f64>, EngineError> {
    let noisy = chain::noisy_tail(p.noise_seed, p.noise_ratio)?;
    Ok(if p.noise_ratio > 0.0 {
        noisy
    } else {
        grid::standard_normal()
    })
}

/// `n` particles from [`samples_tail`], seeded by the noise seed, ready to
/// be carried back through `c` one [`Particles::step`](crate::sample::Particles::step) at a time.
pub fn particles(c: &Chain, p: &Params, n: usize) -> Result<crate::sample::Particles, EngineError> {
    crate::error::check_range("samples", n as f64, SAMPLES.min, SAMPLES.max)?;
    crate::sample::Particles::draw(&samples_tail(p)?, c.len(), n, p.noise_seed)
}

/// JS distance of each step's histogram to the restoration from the same
/// tail (`restored`: from N(0,1) or from the noisy tail); NaN for a step
/// not reached yet.
pub fn samples_js(hists: &[Vec<f64>], restored: &Restored) -> Vec<f64> {
    hists
        .iter()
        .zip(&restored.pdfs)
        .map(|(h, r)| {
            if h.is_empty() {
                f64::NAN
            } else {
                js_distance(h, r)
            }
        })
        .collect()
}

/// Demo 3.3: the chain restored from N(0,1) through each step's
/// posterior replaced by its column-wise Gaussian fit, one step at a time
/// from the tail (a step's 461 fits are the demo's longest unit of work).
#[derive(Debug, Clone, PartialEq)]
pub struct FittedRestoration {
    /// The fitted posterior of step t at index t-1 (empty until fitted).
    fitted: Vec<Vec<f64>>,
    /// Restored q(z_t) at index t (empty until restored).
    pdfs: Vec<Vec<f64>>,
    /// JS distance of `pdfs[t]` to the forward q(z_t) (NaN until restored).
    js: Vec<f64>,
    /// The next step to fit (1-based); 0 when done.
    next: usize,
}

impl FittedRestoration {
    /// Starts at the tail: N(0,1) stands in for q(z_T).
    pub fn start(c: &Chain) -> Self {
        let t_max = c.steps().len();
        let normal = grid::standard_normal();
        let mut js = vec![f64::NAN; t_max + 1];
        let mut pdfs = vec![Vec::new(); t_max + 1];
        if let Some(last) = c.forward().get(t_max) {
            js[t_max] = js_distance(&normal, last);
        }
        pdfs[t_max] = normal;
        FittedRestoration {
            fitted: vec![Vec::new(); t_max],
            pdfs,
            js,
            next: t_max,
        }
    }

    /// Fits the next step's posterior and restores the marginal before
    /// it; returns the index restored, or `None` when all are done.
    /// `c` must be the chain this restoration started from.
    pub fn step(&mut self, c: &Chain) -> Result<Option<usize>, EngineError> {
        let t = self.next;
        if t == 0 {
            return Ok(None);
        }
        let (Some(step), Some(forward)) = (c.steps().get(t - 1), c.forward().get(t - 1)) else {
            return Err(EngineError::BadLength {
                param: "chain",
                expected: self.fitted.len(),
                actual: c.steps().len(),
            });
        };
        let (_, m) = fit::fit_posterior(step.posterior())?;
        let mut prev = vec![0.0; grid::N];
        posterior::apply(&m, &self.pdfs[t], &mut prev);
        self.js[t - 1] = js_distance(&prev, forward);
        self.pdfs[t - 1] = prev;
        self.fitted[t - 1] = m;
        self.next = t - 1;
        Ok(Some(t - 1))
    }

    /// The whole restoration of `c`.
    pub fn run(c: &Chain) -> Result<Self, EngineError> {
        let mut r = Self::start(c);
        while r.step(c)?.is_some() {}
        Ok(r)
    }

    pub fn is_done(&self) -> bool {
        self.next == 0
    }
    /// Whether q(z_t) is restored yet.
    pub fn is_restored(&self, t: usize) -> bool {
        self.pdfs.get(t).is_some_and(|v| !v.is_empty())
    }
    pub fn fitted(&self) -> &[Vec<f64>] {
        &self.fitted
    }
    pub fn pdfs(&self) -> &[Vec<f64>] {
        &self.pdfs
    }
    pub fn js(&self) -> &[f64] {
        &self.js
    }
    /// The restoration so far as a [`Restored`].
    pub fn restored(&self) -> Restored {
        Restored {
            pdfs: self.pdfs.clone(),
            js: self.js.clone(),
        }
    }
}
