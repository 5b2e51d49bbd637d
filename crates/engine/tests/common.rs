//! Reads the golden records from the repository's fixtures (`tests/golden/`,
//! see `tests/FIXTURES.md`) and compares with the tolerances of their README.
#![allow(dead_code)]
use serde_json::Value;
use std::path::PathBuf;

pub fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden")
}

pub fn load(name: &str) -> Value {
    let path = golden_dir().join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).expect("golden JSON parses")
}

pub fn records(name: &str) -> Vec<Value> {
    load(name).as_array().expect("a list of records").clone()
}

pub fn vec_of(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_f64().expect("number"))
        .collect()
}

pub fn f(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or_else(|| panic!("missing {key}"))
}

/// pdf arrays: max abs difference <= 1e-6 * max(1, max abs reference).
pub fn assert_pdf_close(what: &str, got: &[f64], want: &[f64], rel: f64) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    let scale = want.iter().fold(1.0f64, |m, v| m.max(v.abs()));
    let (worst, at) = got
        .iter()
        .zip(want)
        .enumerate()
        .map(|(i, (a, b))| ((a - b).abs(), i))
        .fold((0.0, 0), |acc, x| if x.0 > acc.0 { x } else { acc });
    assert!(
        worst <= rel * scale,
        "{what}: max abs diff {worst:e} at index {at} (got {}, want {}) exceeds {:e}",
        got[at],
        want[at],
        rel * scale
    );
}

pub fn assert_close(what: &str, got: f64, want: f64, tol: f64) {
    assert!(
        (got - want).abs() <= tol,
        "{what}: got {got}, want {want}, diff {:e} > {tol:e}",
        (got - want).abs()
    );
}

pub const PDF_TOL: f64 = 1e-6;
pub const JS_TOL: f64 = 1e-6;
pub const FIT_TOL: f64 = 1e-3;
