//! One file per demo: the charts each demo shows, with the colours, dash
//! styles, ranges and orientations the article fixes, filled from engine
//! arrays and strings the caller has already translated. Charts that several
//! demos show alike (a blue pdf, a posterior heat map) are built once, in
//! `shared`, and named in each demo.
//!
//! Matrices are the engine's layout: row-major `n x n`, row index on x (or
//! z_{t-1}), column index on z (or z_t). Curves are over the shared grid `x`.

pub mod demo_1;
pub mod demo_2;
pub mod demo_3_1;
pub mod demo_3_2;
pub mod demo_3_3;
pub mod demo_4_1;
pub mod demo_4_2;
mod shared;
