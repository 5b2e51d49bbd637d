//! Sampled particles (demo 3.2's samples view): `n` particles drawn from the
//! tail distribution and carried back through a chain's posteriors by
//! ancestral sampling, each particle's `z_{t-1}` drawn from the posterior
//! column `q(z_{t-1} | z_t)` of its current cell. The histogram of the
//! particles at every step estimates the restored density of that step, so
//! the reader sees that sampling reproduces the densities.
//!
//! Particles live on the grid (a particle is a cell), so each histogram has
//! one bin per grid point and is compared with the restored pdf cell by cell.
//! Particles in the same cell are exchangeable, so a step draws, for every
//! occupied cell, as many ancestors as it holds particles: the same
//! distribution as one draw per particle, with one weighted table per
//! occupied column rather than per particle.
//!
//! The draws are `rand`'s [`WeightedIndex`] over the engine's MT19937
//! (`rand_mt`), seeded by the noise seed: the page and `dpm eval` draw the
//! same particles for the same inputs.
use crate::chain::Chain;
use crate::error::{check_len, check_range, EngineError};
use crate::grid::{N, RES};
use alloc::vec;
use alloc::vec::Vec;
use core::convert::Infallible;
use rand::distr::weighted::WeightedIndex;
use rand::distr::Distribution;
use rand::TryRng;

/// Most particles the engine draws (the page and `dpm eval` offer 20,000;
/// the convergence tests go further).
pub const MAX_SAMPLES: usize = 1_000_000;

/// The engine's MT19937 (`rand_mt`) as a `rand` generator.
///
/// Written here because `rand_mt` 5 implements the traits of `rand_core`
/// 0.9 and `rand` 0.10 takes those of `rand_core` 0.10: this adapter only
/// forwards `rand_mt`'s own outputs.
#[derive(Debug, Clone)]
pub struct Mt19937(rand_mt::Mt);

impl Mt19937 {
    /// MT19937 seeded as `init_genrand(seed)` (NumPy's integer seeding).
    pub fn new(seed: u32) -> Self {
        Self(rand_mt::Mt::new(seed))
    }
}

impl TryRng for Mt19937 {
    type Error = Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        Ok(self.0.next_u32())
    }

    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        Ok(self.0.next_u64())
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        self.0.fill_bytes(dst);
        Ok(())
    }
}

/// Particles being carried back through a chain, one step at a time.
///
/// Fields are private: `counts` always has `N` cells and `hists` one entry
/// per step of the chain (empty until reached).
#[derive(Debug, Clone)]
pub struct Particles {
    rng: Mt19937,
    n: usize,
    /// Scales a histogram so that its mass is the tail's mass (the restored
    /// pdfs keep the mass of the tail they start from).
    scale: f64,
    /// Particles per cell at step `t`.
    counts: Vec<u32>,
    /// The step the particles are at (T after drawing, 0 at the end).
    t: usize,
    /// Index t: the histogram density of the particles at step t.
    hists: Vec<Vec<f64>>,
}

impl Particles {
    /// Draws `n` particles from `tail` (a pdf over the grid standing in for
    /// q(z_T) of a chain of `steps` steps), seeded by `seed`.
    pub fn draw(tail: &[f64], steps: usize, n: usize, seed: u32) -> Result<Self, EngineError> {
        check_len("tail", tail, N)?;
        check_range("samples", n as f64, 1.0, MAX_SAMPLES as f64)?;
        check_range("steps", steps as f64, 1.0, crate::chain::MAX_STEPS as f64)?;
        if tail.iter().any(|v| !v.is_finite() || *v < 0.0) {
            return Err(EngineError::Invalid {
                param: "tail",
                reason: "must be finite and non-negative",
            });
        }
        let mass = tail.iter().sum::<f64>() * RES;
        let mut rng = Mt19937::new(seed);
        let mut counts = vec![0u32; N];
        let table = WeightedIndex::new(tail.iter().copied()).map_err(|_| EngineError::Invalid {
            param: "tail",
            reason: "must have positive mass",
        })?;
        for _ in 0..n {
            counts[table.sample(&mut rng)] += 1;
        }
        let mut p = Particles {
            rng,
            n,
            scale: mass / (n as f64 * RES),
            counts,
            t: steps,
            hists: vec![Vec::new(); steps + 1],
        };
        p.record();
        Ok(p)
    }

    fn record(&mut self) {
        let s = self.scale;
        if let Some(h) = self.hists.get_mut(self.t) {
            *h = self.counts.iter().map(|&c| f64::from(c) * s).collect();
        }
    }

    /// Carries every particle from step t to step t-1 through step t's
    /// posterior in `chain`; `Ok(false)` once the particles are at step 0.
    /// Particles in a column with no posterior mass (q(z_t) = 0 there) are
    /// dropped, as the restoration loses that mass too.
    pub fn step(&mut self, chain: &Chain) -> Result<bool, EngineError> {
        if self.t == 0 {
            return Ok(false);
        }
        if chain.len() + 1 != self.hists.len() {
            return Err(EngineError::Invalid {
                param: "chain",
                reason: "has another number of steps than the particles",
            });
        }
        let Some(step) = chain.steps().get(self.t - 1) else {
            return Err(EngineError::Invalid {
                param: "chain",
                reason: "is not complete",
            });
        };
        // Columns as rows: the tables below read each column end to end,
        // which on the row-major matrix strides by N (measured natively,
        // 20,000 particles through 15 steps: 53 -> 35 ms on a loaded machine).
        let columns = transpose(step.posterior());
        let mut next = vec![0u32; N];
        for (j, column) in columns.chunks_exact(N).enumerate() {
            let c = self.counts[j];
            if c == 0 {
                continue;
            }
            // Column j over x: q(z_{t-1} = x_i | z_t = z_j).
            let Ok(table) = WeightedIndex::new(column.iter().copied()) else {
                continue;
            };
            for _ in 0..c {
                next[table.sample(&mut self.rng)] += 1;
            }
        }
        self.counts = next;
        self.t -= 1;
        self.record();
        Ok(self.t > 0)
    }

    /// The step the particles are at.
    pub fn t(&self) -> usize {
        self.t
    }

    /// The number of particles drawn.
    pub fn n(&self) -> usize {
        self.n
    }

    /// Index t: the particles' histogram at step t as a density on the grid
    /// (count / (n res), times the tail's mass); empty until reached.
    pub fn histograms(&self) -> &[Vec<f64>] {
        &self.hists
    }
}

/// The transpose of a row-major `N x N` matrix, in cache-sized tiles.
fn transpose(m: &[f64]) -> Vec<f64> {
    const TILE: usize = 32;
    let mut out = vec![0.0; N * N];
    for i0 in (0..N).step_by(TILE) {
        for j0 in (0..N).step_by(TILE) {
            for i in i0..(i0 + TILE).min(N) {
                for j in j0..(j0 + TILE).min(N) {
                    out[j * N + i] = m[i * N + j];
                }
            }
        }
    }
    out
}

/// All steps at once: the histograms of `n` particles from `tail` carried
/// back through `chain` (index t for step t).
pub fn ancestral(
    chain: &Chain,
    tail: &[f64],
    n: usize,
    seed: u32,
) -> Result<Vec<Vec<f64>>, EngineError> {
    let mut p = Particles::draw(tail, chain.len(), n, seed)?;
    while p.step(chain)? {}
    Ok(p.hists)
}

/// A histogram merged into bins of `cells` grid cells, each cell holding its
/// bin's mean (for drawing: per-cell counts of a few thousand particles are
/// mostly noise to the eye). `cells` of 0 or 1 returns the histogram.
pub fn coarse(hist: &[f64], cells: usize) -> Vec<f64> {
    if cells <= 1 {
        return hist.to_vec();
    }
    let mut out = Vec::with_capacity(hist.len());
    for bin in hist.chunks(cells) {
        let mean = bin.iter().sum::<f64>() / bin.len() as f64;
        out.extend(core::iter::repeat_n(mean, bin.len()));
    }
    out
}
