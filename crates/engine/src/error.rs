//! The one error type of the engine: every public function validates its
//! parameters and says what was wrong instead of panicking.
use core::fmt;

/// Why a computation was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum EngineError {
    /// A parameter is NaN or infinite.
    NotFinite { param: &'static str },
    /// A parameter lies outside its allowed range (bounds inclusive unless
    /// the message says otherwise).
    OutOfRange {
        param: &'static str,
        value: f64,
        min: f64,
        max: f64,
    },
    /// A parameter that must be a whole number is not.
    NotInteger { param: &'static str, value: f64 },
    /// An input array does not have the length the grid needs.
    BadLength {
        param: &'static str,
        expected: usize,
        actual: usize,
    },
    /// An input breaks a rule other than range or length (a pdf with no
    /// mass, a negative density, a chain of another length).
    Invalid {
        param: &'static str,
        reason: &'static str,
    },
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::NotFinite { param } => write!(f, "{param} must be a finite number"),
            EngineError::OutOfRange {
                param,
                value,
                min,
                max,
            } => write!(
                f,
                "{param} = {value} is outside the allowed range {min}..{max}"
            ),
            EngineError::NotInteger { param, value } => {
                write!(f, "{param} = {value} must be a whole number")
            }
            EngineError::BadLength {
                param,
                expected,
                actual,
            } => write!(f, "{param} has {actual} values, expected {expected}"),
            EngineError::Invalid { param, reason } => write!(f, "{param} {reason}"),
        }
    }
}

/// Checks that `value` is finite and within `min..=max`.
pub fn check_range(
    param: &'static str,
    value: f64,
    min: f64,
    max: f64,
) -> Result<f64, EngineError> {
    if !value.is_finite() {
        return Err(EngineError::NotFinite { param });
    }
    if value < min || value > max {
        return Err(EngineError::OutOfRange {
            param,
            value,
            min,
            max,
        });
    }
    Ok(value)
}

/// Checks that an alpha lies strictly inside (0, 1), the only values for which
/// `Z = sqrt(alpha) X + sqrt(1 - alpha) eps` adds noise and keeps some signal.
pub fn check_alpha(param: &'static str, alpha: f64) -> Result<f64, EngineError> {
    if !alpha.is_finite() {
        return Err(EngineError::NotFinite { param });
    }
    if alpha <= 0.0 || alpha >= 1.0 {
        return Err(EngineError::OutOfRange {
            param,
            value: alpha,
            min: 0.0,
            max: 1.0,
        });
    }
    Ok(alpha)
}

/// Checks a seed given as a float (as it arrives from JSON or a text field):
/// a whole number in `0..=u32::MAX`, the range NumPy's `RandomState` accepts.
pub fn check_seed(param: &'static str, seed: f64) -> Result<u32, EngineError> {
    if !seed.is_finite() {
        return Err(EngineError::NotFinite { param });
    }
    if seed != libm::trunc(seed) {
        return Err(EngineError::NotInteger { param, value: seed });
    }
    if !(0.0..=u32::MAX as f64).contains(&seed) {
        return Err(EngineError::OutOfRange {
            param,
            value: seed,
            min: 0.0,
            max: u32::MAX as f64,
        });
    }
    Ok(seed as u32)
}

/// Checks that a slice has the grid's length.
pub fn check_len(param: &'static str, v: &[f64], expected: usize) -> Result<(), EngineError> {
    if v.len() != expected {
        return Err(EngineError::BadLength {
            param,
            expected,
            actual: v.len(),
        });
    }
    Ok(())
}
