//! The mathematics of the article "Understanding Diffusion Probability Model
//! Interactively", on a 461-point grid in one dimension.
//!
//! For: every number and curve the article's demos and figures show, computed
//! exactly as the original (NumPy/SciPy) does, to the golden tolerances.
//! Not for: drawing, I/O, clocks or the DOM. `no_std` + `alloc`, math through
//! `libm`, and no function panics on any input: bad parameters come back as
//! [`EngineError`].
//!
//! One module per idea of the article: [`grid`], [`rng`], [`data`] (q(x)),
//! [`transform`] (demo 1), [`posterior`] (demo 2), [`chain`] (demos 3.1, 3.2),
//! [`fit`] (demo 3.3), [`contraction`] (demo 4.1), [`converge`] (demo 4.2),
//! [`divergence`] (JS, KL, TV), [`sample`] (particles through a chain). [`demos`] says, per demo, which of these it
//! calls with which controls and defaults.
#![no_std]
// Index loops mirror the article's formulas (sums over i and j of the grid).
#![allow(clippy::needless_range_loop)]
extern crate alloc;

pub mod chain;
pub mod contraction;
pub mod converge;
pub mod data;
pub mod demos;
pub mod divergence;
pub mod error;
pub mod figures;
pub mod fit;
pub mod grid;
pub mod own;
pub mod posterior;
pub mod rng;
pub mod sample;
pub mod spectral;
pub mod transform;
pub mod work;

pub use error::EngineError;
