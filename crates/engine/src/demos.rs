//! What each demo computes, in one place: its controls (range, step and
//! default) and its model (which q(x), which engine calls in which order).
//! The page (`crates/web`), `dpm eval` and `dpm figure` all start here, so a
//! demo shows the same numbers wherever it is drawn.
//!
//! The live demos (1, 2, 4.1) have a model that recomputes only what a
//! changed control touches ([`demo_1::Model::update`] and the like) and says
//! what changed, so the page redraws only those plots. The apply demos (3.x,
//! 4.2) run the resumable [`Chain`](crate::chain::Chain) and
//! [`PowerIteration`](crate::converge::PowerIteration) from their parameters.
use crate::error::EngineError;
use crate::posterior::ForwardStep;
use alloc::vec::Vec;

/// A numeric control: its range, the step of its slider and its default.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Control {
    pub min: f64,
    pub max: f64,
    /// The slider's step (1 for whole numbers).
    pub step: f64,
    pub default: f64,
}

impl Control {
    const fn new(min: f64, max: f64, step: f64, default: f64) -> Self {
        Control {
            min,
            max,
            step,
            default,
        }
    }
}

/// Every seed field: a whole number from 0 (the original's NumPy seeds).
pub const SEED_MAX: f64 = u32::MAX as f64;

/// The default seed of q(x) in every demo.
pub const DATA_SEED: u32 = 100;

/// q(x) from a seed and one forward step of it (demos 2 and 4.1), each
/// recomputed only when its seed or alpha changes.
#[derive(Debug, Clone, Default)]
struct SeededStep {
    /// What `q_x` and `step` hold (`None` after a failed computation).
    seed: Option<u32>,
    alpha: Option<f64>,
    q_x: Vec<f64>,
    step: ForwardStep,
}

impl SeededStep {
    /// Brings q(x) and the step to (`seed`, `alpha`), q(x) made by `q_x`;
    /// returns whether each changed.
    fn update(
        &mut self,
        seed: u32,
        alpha: f64,
        q_x: impl FnOnce(u32) -> Result<Vec<f64>, EngineError>,
    ) -> Result<(bool, bool), EngineError> {
        let new_q = self.seed != Some(seed);
        if new_q {
            self.seed = None;
            self.alpha = None;
            self.q_x = q_x(seed)?;
            self.seed = Some(seed);
        }
        let new_step = new_q || self.alpha != Some(alpha);
        if new_step {
            self.alpha = None;
            self.step.compute(&self.q_x, alpha)?;
            self.alpha = Some(alpha);
        }
        Ok((new_q, new_step))
    }
}

/// The methods every live demo's `Model` shares (it has a `params:
/// Option<Params>` field, derives `Default` and has an `update`): `new` and
/// `params`; `seeded` adds `q_x` and `step` for a model over a
/// [`SeededStep`] in its `base` field.
macro_rules! model_methods {
    () => {
        impl Model {
            /// The model at `p`, everything computed.
            pub fn new(p: &Params) -> Result<Self, EngineError> {
                let mut m = Model::default();
                m.update(p)?;
                Ok(m)
            }

            /// The parameters of the last successful update.
            pub fn params(&self) -> Option<Params> {
                self.params
            }
        }
    };
    (seeded) => {
        model_methods!();

        impl Model {
            /// q(x) of the last seed given.
            pub fn q_x(&self) -> &[f64] {
                &self.base.q_x
            }

            /// The forward step of q(x) at the last alpha given.
            pub fn step(&self) -> &ForwardStep {
                &self.base.step
            }
        }
    };
}

/// Demo 1: the linear transform, the added noise, and both (eq. 1.1).
pub mod demo_1 {
    use super::{Control, DATA_SEED};
    use crate::data;
    use crate::error::{check_alpha, EngineError};
    use crate::transform;
    use alloc::vec::Vec;

    pub const ALPHA_LINEAR: Control = Control::new(0.3, 0.999, 0.001, 0.7);
    pub const ALPHA_NOISE: Control = Control::new(0.3, 0.999, 0.001, 0.995);

    #[derive(Debug, Clone, Copy, PartialEq)]
    pub struct Params {
        pub seed: u32,
        pub alpha_linear: f64,
        pub alpha_noise: f64,
    }

    pub const DEFAULTS: Params = Params {
        seed: DATA_SEED,
        alpha_linear: ALPHA_LINEAR.default,
        alpha_noise: ALPHA_NOISE.default,
    };

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
}

/// Demo 2: one forward step, its likelihood and posterior, and the posterior
/// at a fixed condition z against GaussFun (eq. 3.4).
pub mod demo_2 {
    use super::{Control, SeededStep, DATA_SEED};
    use crate::data;
    use crate::error::EngineError;
    use crate::grid;
    use crate::posterior::{gauss_fun, ForwardStep};
    use alloc::vec::Vec;

    pub const ALPHA: Control = Control::new(0.001, 0.999, 0.001, 0.98);
    pub const COND: Control = Control::new(grid::LO, grid::HI, 0.1, 0.2);

    #[derive(Debug, Clone, Copy, PartialEq)]
    pub struct Params {
        pub seed: u32,
        pub alpha: f64,
        /// The fixed condition z.
        pub cond: f64,
    }

    pub const DEFAULTS: Params = Params {
        seed: DATA_SEED,
        alpha: ALPHA.default,
        cond: COND.default,
    };

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
}

/// Demos 3.1-3.3: the forward chain, its restoration from N(0,1) or from a
/// noisy tail, and the restoration through fitted Gaussians.
pub mod demo_3 {
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

    #[derive(Debug, Clone, Copy, PartialEq)]
    pub struct Params {
        pub seed: u32,
        pub start_alpha: f64,
        pub end_alpha: f64,
        pub steps: usize,
        pub noise_seed: u32,
        pub noise_ratio: f64,
    }

    pub const DEFAULTS: Params = Params {
        seed: DATA_SEED,
        start_alpha: ALPHA.default,
        end_alpha: ALPHA.default,
        steps: STEPS.default as usize,
        noise_seed: NOISE_SEED,
        noise_ratio: NOISE_RATIO.default,
    };

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
    pub fn particles(
        c: &Chain,
        p: &Params,
        n: usize,
    ) -> Result<crate::sample::Particles, EngineError> {
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
}

/// Demo 4.1: one posterior transform brings two random inputs closer; its
/// rate, lambda2.
pub mod demo_4_1 {
    use super::{Control, SeededStep, DATA_SEED};
    use crate::contraction::{self, Contraction};
    use crate::error::EngineError;
    use crate::posterior::ForwardStep;
    use alloc::vec::Vec;

    pub const ALPHA: Control = Control::new(0.001, 0.999, 0.001, 0.95);
    pub const INPUTS_SEED: u32 = 100;
    /// "change inputs seed" draws from 0..this (NumPy's `randint(0, 1000000)`).
    pub const INPUTS_SEED_RANGE: u32 = 1_000_000;

    #[derive(Debug, Clone, Copy, PartialEq)]
    pub struct Params {
        pub seed: u32,
        pub alpha: f64,
        pub inputs_seed: u32,
    }

    pub const DEFAULTS: Params = Params {
        seed: DATA_SEED,
        alpha: ALPHA.default,
        inputs_seed: INPUTS_SEED,
    };

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
}

/// Demo 4.2: the posterior transform of demo 4.1 applied again and again.
pub mod demo_4_2 {
    use super::Control;
    use crate::converge::MAX_ITERATE;

    pub const INPUT_SEED: u32 = 200;
    pub const ITERATE_NUMBER: Control = Control::new(0.0, MAX_ITERATE as f64, 1.0, 500.0);

    #[derive(Debug, Clone, Copy, PartialEq)]
    pub struct Params {
        /// Seed of the input (`fixed_point_input`).
        pub input_seed: u32,
        pub iterate_number: u64,
        pub show_power: bool,
    }

    pub const DEFAULTS: Params = Params {
        input_seed: INPUT_SEED,
        iterate_number: ITERATE_NUMBER.default as u64,
        show_power: true,
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_1_recomputes_only_what_a_control_touches() {
        let mut m = demo_1::Model::new(&demo_1::DEFAULTS).unwrap();
        let p = demo_1::Params {
            alpha_noise: 0.9,
            ..demo_1::DEFAULTS
        };
        let c = m.update(&p).unwrap();
        assert_eq!(
            c,
            demo_1::Changed {
                q_x: false,
                linear: false,
                noise: true,
                both: true
            }
        );
        let fresh = demo_1::Model::new(&p).unwrap();
        assert_eq!(m, fresh);
        // A refused alpha leaves the model as it was.
        let bad = demo_1::Params {
            alpha_linear: 1.5,
            ..p
        };
        assert!(m.update(&bad).is_err());
        assert_eq!(m, fresh);
    }

    #[test]
    fn demo_2_moves_the_condition_without_a_new_step() {
        let mut m = demo_2::Model::new(&demo_2::DEFAULTS).unwrap();
        let p = demo_2::Params {
            cond: -1.0,
            ..demo_2::DEFAULTS
        };
        let c = m.update(&p).unwrap();
        assert!(!c.q_x && !c.step && c.condition, "{c:?}");
        let fresh = demo_2::Model::new(&p).unwrap();
        assert_eq!(m.posterior_at_cond(), fresh.posterior_at_cond());
        assert_eq!(m.gauss_fun(), fresh.gauss_fun());
        // After a refused value the next good one recomputes in full.
        let bad = demo_2::Params { cond: 9.0, ..p };
        assert!(m.update(&bad).is_err());
        let c = m.update(&p).unwrap();
        assert!(c.step && c.condition, "{c:?}");
        assert_eq!(m.likelihood(), fresh.likelihood());
    }

    #[test]
    fn demo_4_1_keeps_the_inputs_when_alpha_moves() {
        let mut m = demo_4_1::Model::new(&demo_4_1::DEFAULTS).unwrap();
        let p = demo_4_1::Params {
            alpha: 0.9,
            ..demo_4_1::DEFAULTS
        };
        let c = m.update(&p).unwrap();
        assert!(!c.q_x && c.step && !c.inputs && c.contraction, "{c:?}");
        let fresh = demo_4_1::Model::new(&p).unwrap();
        assert!(fresh.lambda2().is_some());
        assert_eq!(m.lambda2(), fresh.lambda2());
        assert_eq!(m.contraction(), fresh.contraction());
        // Deferred: everything but lambda2 at once, lambda2 on finish.
        let r = demo_4_1::Params { alpha: 0.999, ..p };
        let c = m.update_deferred(&r).unwrap();
        assert!(c.step && c.contraction && m.lambda2().is_none(), "{c:?}");
        let fresh = demo_4_1::Model::new(&r).unwrap();
        assert_eq!(m.contraction(), fresh.contraction());
        assert_eq!(m.finish().ok(), fresh.lambda2());
        assert_eq!(m.lambda2(), fresh.lambda2());
        assert!(demo_4_1::Model::default().finish().is_err());
        let q = demo_4_1::Params {
            inputs_seed: 7,
            ..r
        };
        let c = m.update(&q).unwrap();
        assert!(!c.step && c.inputs && c.contraction, "{c:?}");
    }

    #[test]
    fn the_fitted_restoration_steps_from_the_tail() {
        let p = demo_3::Params {
            steps: 3,
            ..demo_3::DEFAULTS
        };
        let c = demo_3::chain(&p).unwrap();
        let mut r = demo_3::FittedRestoration::start(&c);
        assert!(r.is_restored(3) && !r.is_restored(2));
        assert_eq!(r.step(&c).unwrap(), Some(2));
        assert_eq!(r.step(&c).unwrap(), Some(1));
        assert_eq!(r.step(&c).unwrap(), Some(0));
        assert_eq!(r.step(&c).unwrap(), None);
        assert!(r.is_done());
        assert_eq!(r, demo_3::FittedRestoration::run(&c).unwrap());
        // Another chain is refused, not indexed out of bounds.
        let short = demo_3::chain(&demo_3::Params { steps: 1, ..p }).unwrap();
        let mut r = demo_3::FittedRestoration::start(&c);
        assert!(r.step(&short).is_err(), "step 3 of a 1-step chain");
        assert!(!r.is_restored(2));
    }
}
