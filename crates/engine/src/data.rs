//! The seeded data distributions q(x): mixtures of Gaussians drawn from
//! NumPy's legacy generator, and the special seeds that replace them with a
//! gapped support (16002, 16003) or a single narrow Gaussian (17270..17729).
use crate::error::{check_range, EngineError};
use crate::figures::Mixture;
use crate::grid::{normal_pdf, normalise, x, N, RES};
use alloc::vec::Vec;

/// The mixture sizes that demos 4.1 and 4.2 choose from.
pub const MODAL_COUNTS: [usize; 10] = [1, 2, 8, 12, 16, 16, 16, 16, 16, 20];
/// Components of the default mixture.
pub const DEFAULT_MODAL_COUNT: usize = 16;
/// Largest mixture the engine accepts (the article uses at most 20).
pub const MAX_MODAL_COUNT: usize = 1000;

/// A `(lo, hi)` range.
type Range = (f64, f64);

/// Ranges of (mean, std) for each `shape_type`.
const SHAPES: [(Range, Range); 4] = [
    ((-1.1, 1.1), (0.03, 0.20)),
    ((-1.5, 1.5), (0.01, 0.09)),
    ((-1.5, 1.5), (0.05, 0.35)),
    ((-0.8, 0.8), (0.05, 0.35)),
];

/// The (mean, std) ranges of `shape_type`, once both it and `modal_count`
/// are checked.
pub(crate) fn shape_ranges(
    shape_type: u32,
    modal_count: usize,
) -> Result<(Range, Range), EngineError> {
    check_range("shape_type", shape_type as f64, 0.0, 3.0)?;
    check_range(
        "modal_count",
        modal_count as f64,
        1.0,
        MAX_MODAL_COUNT as f64,
    )?;
    Ok(SHAPES[shape_type as usize])
}

/// The generator's q(x) for `(seed, shape_type, modal_count)`, before any
/// special-seed override: the [`Mixture::seeded`] of these three, plus 1e-8
/// everywhere, normalised on the grid.
pub fn mixture(seed: u32, shape_type: u32, modal_count: usize) -> Result<Vec<f64>, EngineError> {
    let mix = Mixture::seeded(seed, shape_type, modal_count)?;
    let mut pdf: Vec<f64> = (0..N).map(|i| mix.pdf(x(i)) + 1e-8).collect();
    normalise(&mut pdf);
    Ok(pdf)
}

/// Whether `seed` is one of the special seeds (applied in demos 2, 3.1 and 4.1).
pub fn is_special_seed(seed: u32) -> bool {
    seed == 16002 || seed == 16003 || (17270..17730).contains(&seed)
}

/// q(x) with the special-seed overrides applied:
/// - 16002 / 16003: the shape-2, seed-100 mixture with the values strictly
///   inside (-0.5, 0.5) / (-0.7, 0.7) set to zero, a support with a gap
///   (Appendix D's two components);
/// - 17270..17729: one Gaussian, mean `-2.3 + (seed/10*10 - 17270) * 0.01`,
///   std `(seed % 10 + 1) * 0.02`, not renormalised on the grid;
/// - any other seed: [`mixture`].
pub fn hijacked(seed: u32, shape_type: u32, modal_count: usize) -> Result<Vec<f64>, EngineError> {
    shape_ranges(shape_type, modal_count)?;
    match seed {
        16002 | 16003 => {
            let half = if seed == 16002 { 0.5 } else { 0.7 };
            let mut pdf = mixture(100, 2, modal_count)?;
            for (i, p) in pdf.iter_mut().enumerate() {
                let xi = x(i);
                if xi > -half && xi < half {
                    *p = 0.0;
                }
            }
            Ok(pdf)
        }
        17270..=17729 => {
            let mean = -2.3 + ((seed / 10 * 10) as f64 - 17270.0) * 0.01;
            let std = ((seed % 10) as f64 + 1.0) * 0.02;
            Ok((0..N).map(|i| normal_pdf(x(i), mean, std)).collect())
        }
        _ => mixture(seed, shape_type, modal_count),
    }
}

/// [`hijacked`] renormalised so that `sum * res = 1` (demo 4.1's q(x)).
pub fn hijacked_normalised(
    seed: u32,
    shape_type: u32,
    modal_count: usize,
) -> Result<Vec<f64>, EngineError> {
    let mut pdf = hijacked(seed, shape_type, modal_count)?;
    normalise(&mut pdf);
    Ok(pdf)
}

/// Integral of a pdf on the grid (`sum * res`).
pub fn integral(pdf: &[f64]) -> f64 {
    pdf.iter().sum::<f64>() * RES
}
