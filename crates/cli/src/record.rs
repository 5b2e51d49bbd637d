//! Typed inputs from one JSON record, validated with the engine's own checks
//! so that a bad value is reported in the engine's words.
use dpm_engine::error::{check_alpha, check_range, check_seed};
use dpm_engine::EngineError;
use serde_json::{Map, Value};
use std::fmt;

/// Why a record was refused; every variant displays as one line.
#[derive(Debug)]
pub enum InputError {
    /// Standard input could not be read.
    Read(std::io::Error),
    /// Standard input is not one JSON value.
    Json(serde_json::Error),
    /// The JSON value is not an object.
    NotObject(&'static str),
    /// A required key is absent.
    Missing(&'static str),
    /// A key holds the wrong JSON type.
    WrongType {
        key: &'static str,
        expected: &'static str,
        found: &'static str,
    },
    /// `demo` names no demo this tool knows.
    UnknownDemo(String),
    /// A value the engine refuses (out of range, not whole, ...).
    Engine(EngineError),
    /// One entry of an array input is wrong.
    Entry {
        key: &'static str,
        index: usize,
        problem: String,
    },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Read(e) => write!(f, "cannot read standard input: {e}"),
            // serde_json's messages are one line and carry line and column.
            InputError::Json(e) => write!(f, "standard input is not one JSON record: {e}"),
            InputError::NotObject(found) => {
                write!(f, "the record must be a JSON object, found {found}")
            }
            InputError::Missing(key) => write!(f, "missing key \"{key}\""),
            InputError::WrongType {
                key,
                expected,
                found,
            } => write!(f, "\"{key}\" must be {expected}, found {found}"),
            InputError::UnknownDemo(name) => write!(
                f,
                "unknown demo {name:?} (expected one of: {})",
                crate::eval::DEMOS.join(", ")
            ),
            InputError::Engine(e) => e.fmt(f),
            InputError::Entry {
                key,
                index,
                problem,
            } => write!(f, "\"{key}\"[{index}] {problem}"),
        }
    }
}

impl From<EngineError> for InputError {
    fn from(e: EngineError) -> Self {
        InputError::Engine(e)
    }
}

/// What a JSON value is, for messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Largest whole number an f64 holds exactly; whole-number inputs beyond it
/// could not be told apart.
const MAX_EXACT: f64 = 9_007_199_254_740_992.0;

/// One input record. Keys it is not asked for (a golden record's outputs,
/// say) are ignored.
pub struct Record<'a> {
    map: &'a Map<String, Value>,
}

impl<'a> Record<'a> {
    pub fn new(value: &'a Value) -> Result<Self, InputError> {
        match value {
            Value::Object(map) => Ok(Self { map }),
            other => Err(InputError::NotObject(kind(other))),
        }
    }

    /// Whether the record has `key` (for optional inputs).
    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    fn get(&self, key: &'static str) -> Result<&'a Value, InputError> {
        self.map.get(key).ok_or(InputError::Missing(key))
    }

    pub fn string(&self, key: &'static str) -> Result<&'a str, InputError> {
        let v = self.get(key)?;
        v.as_str().ok_or(InputError::WrongType {
            key,
            expected: "a string",
            found: kind(v),
        })
    }

    /// Any JSON number. JSON has no NaN or infinity, so the result is finite.
    pub fn number(&self, key: &'static str) -> Result<f64, InputError> {
        let v = self.get(key)?;
        v.as_f64().ok_or(InputError::WrongType {
            key,
            expected: "a number",
            found: kind(v),
        })
    }

    /// A number within `min..=max`.
    pub fn number_in(&self, key: &'static str, min: f64, max: f64) -> Result<f64, InputError> {
        Ok(check_range(key, self.number(key)?, min, max)?)
    }

    /// An alpha strictly inside (0, 1).
    pub fn alpha(&self, key: &'static str) -> Result<f64, InputError> {
        Ok(check_alpha(key, self.number(key)?)?)
    }

    /// A seed: a whole number in `0..=u32::MAX`, as NumPy's `RandomState` takes.
    pub fn seed(&self, key: &'static str) -> Result<u32, InputError> {
        Ok(check_seed(key, self.number(key)?)?)
    }

    /// Your own q(x): an array of 461 non-negative numbers with positive
    /// mass, normalised on the grid (`dpm_engine::own`). Entries are
    /// checked one by one first, so a message can name the bad one.
    pub fn pdf(&self, key: &'static str) -> Result<Vec<f64>, InputError> {
        let v = self.get(key)?;
        let Some(items) = v.as_array() else {
            return Err(InputError::WrongType {
                key,
                expected: "an array of 461 numbers (q(x) on the grid)",
                found: kind(v),
            });
        };
        let mut q = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let Some(x) = item.as_f64() else {
                return Err(InputError::Entry {
                    key,
                    index,
                    problem: format!("must be a number, found {}", kind(item)),
                });
            };
            if x < 0.0 {
                return Err(InputError::Entry {
                    key,
                    index,
                    problem: format!("= {x} must be non-negative"),
                });
            }
            q.push(x);
        }
        Ok(dpm_engine::own::q_x(&q)?)
    }

    /// A whole number within `min..=max` (both at most 2^53).
    pub fn whole(&self, key: &'static str, min: u64, max: u64) -> Result<u64, InputError> {
        let v = self.number(key)?;
        if v != v.trunc() {
            return Err(EngineError::NotInteger {
                param: key,
                value: v,
            }
            .into());
        }
        check_range(key, v, min as f64, (max as f64).min(MAX_EXACT))?;
        Ok(v as u64)
    }
}
