//! Reads the golden records from the repository's fixtures (`tests/golden/`,
//! see `tests/FIXTURES.md`) and compares with the tolerances of their README.
#![allow(dead_code)]
use dpm_engine::grid::N;
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

/// `got` against the pdf under `key` of record `r` (named `"{what} {key}"`).
pub fn assert_pdf_field(what: &str, got: &[f64], r: &Value, key: &str) {
    assert_pdf_close(&format!("{what} {key}"), got, &vec_of(&r[key]), PDF_TOL);
}

/// Each pdf of `got` against the list of pdfs under `key` of record `r`
/// (named `"{key}[t]"`).
pub fn assert_pdfs_field(got: &[Vec<f64>], r: &Value, key: &str, tol: f64) {
    let want = r[key].as_array().expect("a list of pdfs");
    for (t, (got, want)) in got.iter().zip(want).enumerate() {
        assert_pdf_close(&format!("{key}[{t}]"), got, &vec_of(want), tol);
    }
}

/// Each value of `got` against the list of numbers under `key` of record `r`
/// (named `"{key}[t]"`).
pub fn assert_values_field(got: &[f64], r: &Value, key: &str, tol: f64) {
    for (t, (got, want)) in got.iter().zip(vec_of(&r[key])).enumerate() {
        assert_close(&format!("{key}[{t}]"), *got, want, tol);
    }
}

/// The whole numbers under `key` of record `r`.
pub fn ints(r: &Value, key: &str) -> Vec<i64> {
    r[key]
        .as_array()
        .expect("a list of whole numbers")
        .iter()
        .map(|v| v.as_i64().expect("a whole number"))
        .collect()
}

/// Whole numbers of any type as `i64`s, to compare with [`ints`].
pub fn as_i64s<T: Copy + TryInto<i64>>(v: &[T]) -> Vec<i64> {
    v.iter()
        .map(|&x| x.try_into().unwrap_or_else(|_| panic!("out of i64 range")))
        .collect()
}

/// A row-major `N x N` matrix times vectors, each row summed between its
/// first and last non-zero entry (the zeros outside add nothing), with four
/// running sums: the plain reference for demo 4.2's powers.
pub struct Product<'a> {
    m: &'a [f64],
    rows: Vec<(usize, usize)>,
}

impl<'a> Product<'a> {
    pub fn new(m: &'a [f64]) -> Self {
        let rows = m
            .chunks_exact(N)
            .map(|row| {
                let lo = row.iter().position(|&a| a != 0.0).unwrap_or(0);
                let hi = row.iter().rposition(|&a| a != 0.0).map_or(lo, |h| h + 1);
                (lo, hi)
            })
            .collect();
        Self { m, rows }
    }

    pub fn apply(&self, v: &[f64]) -> Vec<f64> {
        self.m
            .chunks_exact(N)
            .zip(&self.rows)
            .map(|(row, &(lo, hi))| {
                let mut acc = [0.0f64; 4];
                for (a, b) in row[lo..hi].chunks(4).zip(v[lo..hi].chunks(4)) {
                    for (k, (x, y)) in a.iter().zip(b).enumerate() {
                        acc[k] += x * y;
                    }
                }
                (acc[0] + acc[1]) + (acc[2] + acc[3])
            })
            .collect()
    }
}
