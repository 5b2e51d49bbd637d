//! `Q̂^n` applied to inputs: exact transforms one by one, then the
//! eigenbasis once nothing measurable is left outside it.
use super::banded::{nonzero_range, Banded};
use super::{pow_u, LEFT_OVER, MAX_ITERATE};
use crate::error::{check_len, check_range, EngineError};
use crate::grid::N;
use crate::spectral::{axpy, dot4};
use crate::work::{run, Meter};
use alloc::vec;
use alloc::vec::Vec;

/// Demo 4.2's transform `Q̂` ready to be raised to any power.
pub struct PowerIteration {
    /// `Q̂`, banded.
    pub(super) t: Banded,
    /// Grid indices of the states the chain lives on after one transform
    /// (q(x) > 0): the eigenbasis is over these.
    pub(super) support: Vec<usize>,
    /// The similarity scale on `support` (`p^2` is the stationary pdf).
    pub(super) p: Vec<f64>,
    /// Resolved eigenvalues of S, descending; the first is 1 (mass).
    pub(super) values: Vec<f64>,
    /// Their unit eigenvectors over `support`; the first is `p / |p|`.
    pub(super) vectors: Vec<Vec<f64>>,
    /// Transforms applied one by one before the eigenbasis takes over.
    pub(super) direct: u64,
    /// Bound on the eigenvalues not resolved (they fall off as `tau^n`).
    pub(super) tau: f64,
    /// Alpha within 1e-5 of 1: every power is the identity.
    pub(super) identity: bool,
}

impl PowerIteration {
    /// Eigenvalues of `Q̂` resolved and used beyond the exact transforms,
    /// descending (the first is 1).
    pub fn eigenvalues(&self) -> &[f64] {
        &self.values
    }

    /// How many transforms are applied one by one before the eigenbasis
    /// takes over (for an input whose remainder has decayed by then).
    pub fn direct_steps(&self) -> u64 {
        self.direct
    }

    /// One transform: `out = Q̂ v`.
    pub(super) fn once(&self, v: &[f64], out: &mut [f64]) {
        if self.identity {
            out.copy_from_slice(v);
        } else {
            self.t.apply_within(v, nonzero_range(v), out);
        }
    }

    /// The coordinates of `y` in the eigenbasis and a bound on what the
    /// eigenbasis leaves out, as it can show in a result.
    pub(super) fn project(&self, y: &[f64]) -> (Vec<f64>, f64) {
        let mut w: Vec<f64> = self
            .support
            .iter()
            .zip(&self.p)
            .map(|(&i, &pi)| y[i] / pi)
            .collect();
        let c: Vec<f64> = self.vectors.iter().map(|u| dot4(u, &w)).collect();
        for (u, &ci) in self.vectors.iter().zip(&c) {
            axpy(&mut w, -ci, u);
        }
        let mut off = 0.0f64;
        let mut k = 0;
        for (i, &yi) in y.iter().enumerate() {
            if self.support.get(k) == Some(&i) {
                k += 1;
            } else {
                off = off.max(libm::fabs(yi));
            }
        }
        // What is left, as it shows in the result now; it only decays later.
        let left = w
            .iter()
            .zip(&self.p)
            .fold(0.0f64, |m, (a, b)| m.max(libm::fabs(a * b)));
        (c, left.max(off))
    }

    /// Work of [`project`](Self::project) (multiply-adds).
    pub(super) fn project_work(&self) -> usize {
        3 * self.vectors.len() * self.support.len() + 2 * N
    }

    /// Work of [`expand`](Self::expand) (multiply-adds).
    pub(super) fn expand_work(&self) -> usize {
        self.vectors.len() * (self.support.len() + 20) + 2 * N
    }

    /// `Q̂^m` applied to the vector with eigen-coordinates `c`.
    pub(super) fn expand(&self, c: &[f64], m: u64) -> Vec<f64> {
        let mut w = vec![0.0; self.support.len()];
        for ((u, &l), &ci) in self.vectors.iter().zip(&self.values).zip(c) {
            let a = ci * pow_u(l, m);
            if a != 0.0 && a.is_finite() {
                axpy(&mut w, a, u);
            }
        }
        let mut out = vec![0.0; N];
        for ((&i, &pi), &wi) in self.support.iter().zip(&self.p).zip(&w) {
            out[i] = pi * wi;
        }
        out
    }

    /// `Q̂^n z` (n transforms of `z`, n up to [`MAX_ITERATE`]); `n = 0`
    /// returns `z`.
    pub fn apply_power(&self, z: &[f64], n: u64) -> Result<Vec<f64>, EngineError> {
        check_len("z", z, N)?;
        check_range("n", n as f64, 0.0, MAX_ITERATE as f64)?;
        let mut walk = Walk::new(self, z);
        let meter = Meter::unlimited();
        Ok(run(&meter, walk.at(self, n, &meter)))
    }

    /// `Q̂^n z` for each n of `counts` (in any order, each up to
    /// [`MAX_ITERATE`]), in one walk.
    pub fn apply_powers(&self, z: &[f64], counts: &[u64]) -> Result<Vec<Vec<f64>>, EngineError> {
        check_powers(z, counts)?;
        let meter = Meter::unlimited();
        Ok(run(&meter, self.apply_powers_metered(z, counts, &meter)))
    }

    /// [`apply_powers`](Self::apply_powers) after its checks
    /// ([`check_powers`]), counting the work on `meter`.
    pub(super) async fn apply_powers_metered(
        &self,
        z: &[f64],
        counts: &[u64],
        meter: &Meter,
    ) -> Vec<Vec<f64>> {
        let mut order: Vec<usize> = (0..counts.len()).collect();
        order.sort_by_key(|&k| counts[k]);
        let mut walk = Walk::new(self, z);
        let mut out = vec![Vec::new(); counts.len()];
        for k in order {
            out[k] = walk.at(self, counts[k], meter).await;
        }
        out
    }
}

/// The checks of [`PowerIteration::apply_powers`]: `z` on the grid, every
/// count up to [`MAX_ITERATE`].
pub(super) fn check_powers(z: &[f64], counts: &[u64]) -> Result<(), EngineError> {
    check_len("z", z, N)?;
    for &n in counts {
        check_range("n", n as f64, 0.0, MAX_ITERATE as f64)?;
    }
    Ok(())
}

impl PowerIteration {
    /// Work of one transform (multiply-adds).
    fn once_work(&self) -> usize {
        self.t.entries() + N
    }
}

/// One input on its way through the powers: exact transforms up to the
/// switch, then its coordinates in the eigenbasis.
pub(super) struct Walk {
    cur: Vec<f64>,
    next: Vec<f64>,
    pub(super) applied: u64,
    /// Eigen-coordinates and the count they were taken at.
    basis: Option<(Vec<f64>, u64)>,
    /// What may be left outside the eigenbasis at the switch.
    tol: f64,
    /// Transforms after which it switches whatever is left.
    give_up: u64,
    /// Entries at or below this are dropped after each transform (0 for an
    /// input; a power matrix's column keeps to its narrow band this way).
    drop: f64,
}

impl Walk {
    /// An input: exact to `LEFT_OVER` of its peak; at most 4x the planned
    /// exact transforms + 512 before the switch.
    pub(super) fn new(power: &PowerIteration, z: &[f64]) -> Self {
        let peak = z.iter().fold(1.0f64, |m, v| m.max(libm::fabs(*v)));
        let give_up = power.direct.saturating_mul(4).saturating_add(512);
        Self::with_tolerance(z, LEFT_OVER * peak, give_up, 0.0)
    }

    pub(super) fn with_tolerance(z: &[f64], tol: f64, give_up: u64, drop: f64) -> Self {
        Self {
            cur: z.to_vec(),
            next: vec![0.0; N],
            applied: 0,
            basis: None,
            tol,
            give_up,
            drop,
        }
    }

    fn step(&mut self, pw: &PowerIteration) {
        pw.once(&self.cur, &mut self.next);
        if self.drop > 0.0 {
            self.next
                .iter_mut()
                .filter(|v| libm::fabs(**v) <= self.drop)
                .for_each(|v| *v = 0.0);
        }
        core::mem::swap(&mut self.cur, &mut self.next);
        self.applied += 1;
    }

    /// `Q̂^n z` of `pw` (the one the walk began with), for non-decreasing n
    /// over calls, counting the work on `meter`.
    pub(super) async fn at(&mut self, pw: &PowerIteration, n: u64, meter: &Meter) -> Vec<f64> {
        if pw.identity {
            return self.cur.clone();
        }
        // Past the planned switch, switch once what is left outside the
        // eigenbasis is negligible (checked every 8 transforms).
        while self.basis.is_none() && self.applied < n {
            if self.applied >= pw.direct && (self.applied - pw.direct) & 7 == 0 {
                let (c, left) = pw.project(&self.cur);
                meter.spend(pw.project_work()).await;
                if left <= self.tol || self.applied >= self.give_up {
                    self.basis = Some((c, self.applied));
                    break;
                }
            }
            self.step(pw);
            meter.spend(pw.once_work()).await;
        }
        let out = match &self.basis {
            Some((c, at)) if n > *at => pw.expand(c, n - at),
            _ => self.cur.clone(),
        };
        meter.spend(pw.expand_work()).await;
        out
    }
}
