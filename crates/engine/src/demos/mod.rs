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

/// A demo's `Params` (one field per control) and its `DEFAULTS`, each
/// field's default written beside it: `params! { seed: u32 = DATA_SEED, … }`.
macro_rules! params {
    ($($(#[$doc:meta])* $field:ident: $ty:ty = $default:expr),+ $(,)?) => {
        /// The demo's parameters: one per control.
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub struct Params {
            $($(#[$doc])* pub $field: $ty),+
        }

        /// Every control at its default.
        pub const DEFAULTS: Params = Params {
            $($field: $default),+
        };

        impl Default for Params {
            fn default() -> Self {
                DEFAULTS
            }
        }
    };
}

// One file per demo (the macros above must come first: `macro_rules!` scope).
pub mod demo_1;
pub mod demo_2;
pub mod demo_3;
pub mod demo_4_1;
pub mod demo_4_2;

#[cfg(test)]
mod tests {
    use super::*;

    /// A live demo's model at its defaults, then updated to the defaults
    /// with `field` at `value` (`p`): `(p, the model, what changed, a fresh
    /// model at p)`.
    macro_rules! moved {
        ($demo:ident, $field:ident: $value:expr) => {{
            let p = $demo::Params {
                $field: $value,
                ..$demo::DEFAULTS
            };
            let mut m = $demo::Model::new(&$demo::DEFAULTS).unwrap();
            let c = m.update(&p).unwrap();
            (p, m, c, $demo::Model::new(&p).unwrap())
        }};
    }

    #[test]
    fn demo_1_recomputes_only_what_a_control_touches() {
        let (p, mut m, c, fresh) = moved!(demo_1, alpha_noise: 0.9);
        assert_eq!(
            c,
            demo_1::Changed {
                q_x: false,
                linear: false,
                noise: true,
                both: true
            }
        );
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
        let (p, mut m, c, fresh) = moved!(demo_2, cond: -1.0);
        assert!(!c.q_x && !c.step && c.condition, "{c:?}");
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
        let (p, mut m, c, fresh) = moved!(demo_4_1, alpha: 0.9);
        assert!(!c.q_x && c.step && !c.inputs && c.contraction, "{c:?}");
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
