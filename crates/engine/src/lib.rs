//! The mathematics of the article "Understanding Diffusion Probability Model
//! Interactively", on a 461-point grid in one dimension.
#![no_std]
extern crate alloc;
