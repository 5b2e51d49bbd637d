//! `dpm eval` end to end: the built binary on every record of every golden
//! file (the fixtures in `tests/golden/`), compared with
//! the tolerances of its README, and the refusals of bad input.
use serde_json::{json, Map, Value};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn golden(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/golden")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).expect("golden JSON parses")
}

fn dpm(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dpm"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dpm starts");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let input = stdin.to_vec();
    // Written from a thread so a large output can never block the input.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().expect("dpm runs");
    writer.join().expect("stdin writer");
    out
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs `dpm eval` on `record` and returns its output object.
fn eval_ok(record: &Value) -> Value {
    let out = dpm(&["eval"], record.to_string().as_bytes());
    assert!(
        out.status.success(),
        "dpm eval failed ({}): {}",
        out.status,
        text(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "stderr: {}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON value")
}

/// The input keys of each demo (the golden README); every other key of a
/// golden record is an output.
fn inputs_of(demo: &str) -> &'static [&'static str] {
    match demo {
        "data" => &["seed", "shape_type", "modal_count"],
        "demo1" => &["seed", "alpha_linear", "alpha_noise"],
        "demo2" => &["seed", "alpha", "cond"],
        "demo3" => &[
            "seed",
            "start_alpha",
            "end_alpha",
            "steps",
            "noise_seed",
            "noise_ratio",
        ],
        "demo4" => &[
            "seed",
            "alpha",
            "inputs_seed",
            "fixed_point_seed",
            "iterate_number",
        ],
        other => panic!("no demo {other}"),
    }
}

fn inputs_only(record: &Value) -> Value {
    let demo = record["demo"].as_str().expect("demo");
    let mut m = Map::new();
    m.insert("demo".into(), json!(demo));
    for &k in inputs_of(demo) {
        m.insert(k.into(), record[k].clone());
    }
    Value::Object(m)
}

fn numbers(what: &str, v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap_or_else(|| panic!("{what}: not an array: {v}"))
        .iter()
        .map(|x| {
            x.as_f64()
                .unwrap_or_else(|| panic!("{what}: not a number: {x}"))
        })
        .collect()
}

/// max abs difference <= rel * max(1, max abs reference).
fn assert_pdf_close(what: &str, got: &Value, want: &Value, rel: f64) {
    let (got, want) = (numbers(what, got), numbers(what, want));
    assert_eq!(got.len(), want.len(), "{what}: length");
    let scale = want.iter().fold(1.0f64, |m, v| m.max(v.abs()));
    for (i, (a, b)) in got.iter().zip(&want).enumerate() {
        assert!(
            (a - b).abs() <= rel * scale,
            "{what}[{i}]: got {a}, want {b}, allowed {:e}",
            rel * scale
        );
    }
}

/// Every number (a scalar or an array's elements) within `tol` absolute.
fn assert_abs_close(what: &str, got: &Value, want: &Value, tol: f64) {
    let (got, want) = match (got, want) {
        (Value::Array(_), Value::Array(_)) => (numbers(what, got), numbers(what, want)),
        _ => (
            vec![got.as_f64().unwrap_or(f64::NAN)],
            vec![want.as_f64().expect("a number")],
        ),
    };
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (a, b)) in got.iter().zip(&want).enumerate() {
        assert!(
            (a - b).abs() <= tol,
            "{what}[{i}]: got {a}, want {b}, diff {:e} > {tol:e}",
            (a - b).abs()
        );
    }
}

const PDF_TOL: f64 = 1e-6;
const JS_TOL: f64 = 1e-6;
const FIT_TOL: f64 = 1e-3;

/// Compares one output with the README's tolerance for its kind.
fn compare(what: &str, key: &str, got: &Value, want: &Value) {
    match key {
        // Integers exactly; the grid and the alphas too: they are exact in
        // the engine, so this also checks that floats print round-trip.
        "cond_index" | "shape_type" | "input_modal_counts" | "input_seeds" | "input_shapes"
        | "n" | "x" | "alphas" => assert_eq!(got, want, "{what}"),
        "restored_fitted_js" => assert_abs_close(what, got, want, FIT_TOL),
        "lambda2" | "js" | "js_in" | "js_out" => assert_abs_close(what, got, want, JS_TOL),
        k if k.ends_with("_js") => assert_abs_close(what, got, want, JS_TOL),
        "iterations" => {
            let (g, w) = (got.as_array().expect("array"), want.as_array().unwrap());
            assert_eq!(g.len(), w.len(), "{what}: displayed counts");
            for (t, (g, w)) in g.iter().zip(w).enumerate() {
                compare_objects(&format!("{what}[{t}]"), g, w, &[]);
            }
        }
        _ => {
            let rel = if key == "restored_fitted" {
                FIT_TOL
            } else {
                PDF_TOL
            };
            match want.get(0) {
                // A list of pdfs, one per step.
                Some(Value::Array(_)) => {
                    let (g, w) = (got.as_array().expect("array"), want.as_array().unwrap());
                    assert_eq!(g.len(), w.len(), "{what}: steps");
                    for (t, (g, w)) in g.iter().zip(w).enumerate() {
                        assert_pdf_close(&format!("{what}[{t}]"), g, w, rel);
                    }
                }
                _ => assert_pdf_close(what, got, want, rel),
            }
        }
    }
}

/// The output keys must be exactly `want`'s keys less `inputs`, each close.
fn compare_objects(what: &str, got: &Value, want: &Value, inputs: &[&str]) {
    let got = got.as_object().expect("output is an object");
    let want = want.as_object().expect("record is an object");
    let mut want_keys: Vec<&String> = want
        .keys()
        .filter(|k| *k != "demo" && !inputs.contains(&k.as_str()))
        .collect();
    let mut got_keys: Vec<&String> = got.keys().collect();
    want_keys.sort();
    got_keys.sort();
    assert_eq!(got_keys, want_keys, "{what}: output keys");
    for key in want_keys {
        compare(&format!("{what} {key}"), key, &got[key], &want[key]);
    }
}

/// Feeds each whole record (outputs included, which dpm must ignore) and
/// compares every output key.
fn check_golden_file(name: &str) {
    let records = golden(name);
    let records = records.as_array().expect("a list of records");
    assert!(!records.is_empty());
    for (k, r) in records.iter().enumerate() {
        let demo = r["demo"].as_str().expect("demo");
        let got = eval_ok(r);
        compare_objects(&format!("{name} record {k}"), &got, r, inputs_of(demo));
    }
}

#[test]
fn data_json_every_case_matches_q_x_and_q_x_hijacked() {
    let g = golden("data.json");
    let cases = g["cases"].as_array().expect("cases");
    assert!(!cases.is_empty());
    for (k, case) in cases.iter().enumerate() {
        let record = json!({
            "demo": "data",
            "seed": case["seed"],
            "shape_type": case["shape_type"],
            "modal_count": case["modal_count"],
        });
        let got = eval_ok(&record);
        compare_objects(
            &format!("data.json case {k}"),
            &got,
            case,
            inputs_of("data"),
        );
    }
}

#[test]
fn demo1_json_every_record_matches() {
    check_golden_file("demo1.json");
}

#[test]
fn demo2_json_every_record_matches() {
    check_golden_file("demo2.json");
}

#[test]
fn demo3_json_every_record_matches() {
    check_golden_file("demo3.json");
}

#[test]
fn demo4_json_every_record_matches() {
    check_golden_file("demo4.json");
}

/// q(z) tiny in some columns: demo 4.2 powers the column-normalised
/// posterior (see the golden README), demo 4.1 keeps the posterior as it is.
#[test]
fn demo4_edges_json_every_record_matches() {
    check_golden_file("demo4_edges.json");
}

#[test]
fn a_record_of_inputs_only_gives_the_same_output_as_the_whole_record() {
    for name in ["demo1.json", "demo2.json"] {
        let g = golden(name);
        let r = &g[0];
        let whole = dpm(&["eval"], r.to_string().as_bytes());
        let bare = dpm(&["eval"], inputs_only(r).to_string().as_bytes());
        assert!(whole.status.success() && bare.status.success());
        assert!(whole.stdout == bare.stdout, "{name}: outputs differ");
    }
}

#[test]
fn the_output_is_one_line_of_json() {
    let out = dpm(
        &["eval"],
        br#"{"demo":"data","seed":7,"shape_type":1,"modal_count":2}"#,
    );
    assert!(out.status.success());
    let s = text(&out.stdout);
    assert!(s.ends_with('\n') && s.matches('\n').count() == 1, "{s}");
}

fn demo_inputs(demo: &str) -> Value {
    match demo {
        "data" => json!({"demo": "data", "seed": 7, "shape_type": 1, "modal_count": 2}),
        "demo1" => json!({"demo": "demo1", "seed": 100, "alpha_linear": 0.7, "alpha_noise": 0.995}),
        "demo2" => json!({"demo": "demo2", "seed": 100, "alpha": 0.98, "cond": 0.2}),
        "demo3" => json!({"demo": "demo3", "seed": 100, "start_alpha": 0.98, "end_alpha": 0.98,
                          "steps": 2, "noise_seed": 200, "noise_ratio": 0.0}),
        "demo4" => json!({"demo": "demo4", "seed": 100, "alpha": 0.95, "inputs_seed": 100,
                          "fixed_point_seed": 200, "iterate_number": 3}),
        other => panic!("no demo {other}"),
    }
}

fn with(demo: &str, key: &str, value: Value) -> Vec<u8> {
    let mut r = demo_inputs(demo);
    r[key] = value;
    r.to_string().into_bytes()
}

fn without(demo: &str, key: &str) -> Vec<u8> {
    let mut r = demo_inputs(demo);
    r.as_object_mut().unwrap().remove(key);
    r.to_string().into_bytes()
}

/// Exit status 2, one line `dpm: error: ...` containing `says`, empty stdout.
fn assert_refused(case: &str, stdin: &[u8], says: &str) {
    let out = dpm(&["eval"], stdin);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{case}: status; stderr {err}");
    assert!(
        out.stdout.is_empty(),
        "{case}: stdout {}",
        text(&out.stdout)
    );
    assert!(
        err.starts_with("dpm: error: ") && err.ends_with('\n') && err.lines().count() == 1,
        "{case}: not one error line: {err:?}"
    );
    assert!(err.contains(says), "{case}: {err:?} does not say {says:?}");
}

#[test]
fn the_sample_records_are_accepted() {
    for demo in ["data", "demo1", "demo2", "demo3", "demo4"] {
        eval_ok(&demo_inputs(demo));
    }
}

#[test]
fn bad_json_is_refused_with_status_2() {
    let cases: &[(&str, &[u8], &str)] = &[
        ("empty input", b"", "not one JSON record"),
        ("truncated", b"{\"demo\":", "not one JSON record"),
        (
            "NaN literal",
            br#"{"demo":"demo2","seed":100,"alpha":NaN,"cond":0.2}"#,
            "not one JSON record",
        ),
        (
            "number too large for f64",
            br#"{"demo":"demo2","seed":100,"alpha":1e400,"cond":0.2}"#,
            "not one JSON record",
        ),
        (
            "trailing text",
            br#"{"demo":"data","seed":7,"shape_type":1,"modal_count":2} x"#,
            "not one JSON record",
        ),
        (
            "two records",
            br#"{"demo":"data"} {"demo":"data"}"#,
            "not one JSON record",
        ),
        ("not UTF-8", b"{\"demo\":\"\xff\"}", "not one JSON record"),
        (
            "an array",
            b"[1, 2]",
            "must be a JSON object, found an array",
        ),
        ("a number", b"42", "must be a JSON object, found a number"),
    ];
    for (case, stdin, says) in cases {
        assert_refused(case, stdin, says);
    }
}

#[test]
fn unknown_demo_missing_key_and_wrong_type_are_refused_with_status_2() {
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "unknown demo",
            br#"{"demo":"demo9"}"#.to_vec(),
            "unknown demo \"demo9\"",
        ),
        ("no demo", br#"{"seed":1}"#.to_vec(), "missing key \"demo\""),
        (
            "demo not a string",
            br#"{"demo":2}"#.to_vec(),
            "\"demo\" must be a string, found a number",
        ),
        (
            "missing cond",
            without("demo2", "cond"),
            "missing key \"cond\"",
        ),
        (
            "missing iterate_number",
            without("demo4", "iterate_number"),
            "missing key \"iterate_number\"",
        ),
        (
            "missing noise_seed",
            without("demo3", "noise_seed"),
            "missing key \"noise_seed\"",
        ),
        (
            "seed as a string",
            with("demo2", "seed", json!("100")),
            "\"seed\" must be a number, found a string",
        ),
        (
            "alpha null",
            with("demo2", "alpha", Value::Null),
            "\"alpha\" must be a number, found null",
        ),
        (
            "alpha array",
            with("demo4", "alpha", json!([0.5])),
            "\"alpha\" must be a number, found an array",
        ),
        (
            "steps boolean",
            with("demo3", "steps", json!(true)),
            "\"steps\" must be a number, found a boolean",
        ),
    ];
    for (case, stdin, says) in &cases {
        assert_refused(case, stdin, says);
    }
}

#[test]
fn out_of_range_values_are_refused_in_the_engines_words() {
    // "demo field value-as-JSON => what the error says"
    let cases = [
        "demo2 alpha 0 => alpha = 0 is outside the allowed range 0..1",
        "demo2 alpha 1.0 => alpha = 1 is outside the allowed range 0..1",
        "demo4 alpha -0.5 => alpha = -0.5 is outside",
        "demo1 alpha_linear 1 => alpha_linear = 1 is outside",
        "demo1 alpha_noise 0 => alpha_noise = 0 is outside",
        "demo3 start_alpha 1.5 => start_alpha = 1.5 is outside",
        "demo3 end_alpha 0 => end_alpha = 0 is outside",
        "demo1 seed -1 => seed = -1 is outside the allowed range 0..4294967295",
        "demo2 seed 1.5 => seed = 1.5 must be a whole number",
        "data seed 4294967296 => seed = 4294967296 is outside",
        "demo4 inputs_seed 0.5 => inputs_seed = 0.5 must be a whole number",
        "demo3 noise_seed -3 => noise_seed = -3 is outside",
        "demo3 steps 0 => steps = 0 is outside the allowed range 1..100",
        "demo3 steps 101 => steps = 101 is outside",
        "demo3 steps 2.5 => steps = 2.5 must be a whole number",
        "demo3 noise_ratio 1.5 => noise_ratio = 1.5 is outside the allowed range 0..1",
        "demo3 noise_ratio -0.1 => noise_ratio = -0.1 is outside",
        "data shape_type 4 => shape_type = 4 is outside the allowed range 0..3",
        "data modal_count 0 => modal_count = 0 is outside the allowed range 1..1000",
        "data modal_count 1.5 => modal_count = 1.5 must be a whole number",
        "demo2 cond 2.4 => cond = 2.4 is outside the allowed range -2.3..2.3",
        "demo4 iterate_number 1000001 => iterate_number = 1000001 is outside the allowed range 0..1000000",
        "demo4 iterate_number -1 => iterate_number = -1 is outside",
    ];
    for case in cases {
        let (input, says) = case.split_once(" => ").unwrap();
        let [demo, key, value] = input.split(' ').collect::<Vec<_>>()[..] else {
            panic!("{case}: not three words before =>");
        };
        let stdin = with(demo, key, serde_json::from_str(value).unwrap());
        assert_refused(input, &stdin, says);
    }
}

#[test]
fn help_explains_usage_with_an_example() {
    let out = dpm(&["--help"], b"");
    let s = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(s.contains("eval") && s.contains("| dpm eval"), "{s}");

    let out = dpm(&["eval", "--help"], b"");
    let s = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for word in [
        "demo1",
        "demo4",
        "iterate_number",
        "Exit status",
        "| dpm eval",
    ] {
        assert!(s.contains(word), "eval --help lacks {word}: {s}");
    }
}

#[test]
fn no_subcommand_or_an_unknown_one_is_a_usage_error() {
    assert_eq!(dpm(&[], b"").status.code(), Some(2));
    assert_eq!(dpm(&["evaluate"], b"").status.code(), Some(2));
}

/// Demo 3.2's samples view: `"samples": N` adds `samples_js`, one JS
/// distance per step, within the sampling error N allows
/// (`E[JS] <= sqrt((K - 1) / 8N)` over the K cells of positive mass), the
/// same for the same record and smaller with more particles.
#[test]
fn demo3_samples_give_samples_js_per_step() {
    let mut r = demo_inputs("demo3");
    r["steps"] = json!(7);
    let plain = eval_ok(&r);
    assert!(plain.get("samples_js").is_none(), "only when asked for");
    let mut mean = Vec::new();
    let mut last = Value::Null;
    for n in [1_000u32, 16_000] {
        r["samples"] = json!(n);
        let out = eval_ok(&r);
        let js = numbers("samples_js", &out["samples_js"]);
        assert_eq!(js.len(), 8);
        for (t, &d) in js.iter().enumerate() {
            let density = numbers("restored", &out["restored_from_normal"][t]);
            let k = density.iter().filter(|&&v| v > 0.0).count() as f64;
            let tol = 2.0 * ((k - 1.0) / (8.0 * f64::from(n))).sqrt();
            assert!(
                d.is_finite() && d > 0.0 && d <= tol,
                "N {n} step {t}: {d} > {tol}"
            );
        }
        assert_eq!(eval_ok(&r)["samples_js"], out["samples_js"], "seeded");
        mean.push(js.iter().sum::<f64>() / js.len() as f64);
        last = out["samples_js"].clone();
    }
    // 16 times the particles: a quarter of the distance (1/sqrt(N)).
    let ratio = mean[1] / mean[0];
    assert!((0.15..0.35).contains(&ratio), "ratio {ratio}");
    // Another noise seed, other particles.
    r["noise_seed"] = json!(201);
    assert_ne!(eval_ok(&r)["samples_js"], last);
    assert_refused(
        "too many",
        &with("demo3", "samples", json!(20_001)),
        "samples",
    );
    assert_refused("too few", &with("demo3", "samples", json!(99)), "samples");
    assert_refused("fraction", &with("demo3", "samples", json!(150.5)), "whole");
    assert_refused(
        "string",
        &with("demo3", "samples", json!("many")),
        "samples",
    );
}

/// Every number of two outputs within 1e-9 (relative to the array's largest).
fn assert_same_numbers(what: &str, got: &Value, want: &Value) {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => {
            let (mut gk, mut wk): (Vec<_>, Vec<_>) = (g.keys().collect(), w.keys().collect());
            gk.sort();
            wk.sort();
            assert_eq!(gk, wk, "{what}: keys");
            for (k, v) in w {
                assert_same_numbers(&format!("{what}.{k}"), &g[k], v);
            }
        }
        (Value::Array(g), Value::Array(w)) if w.first().is_some_and(|v| !v.is_number()) => {
            assert_eq!(g.len(), w.len(), "{what}: length");
            for (i, (a, b)) in g.iter().zip(w).enumerate() {
                assert_same_numbers(&format!("{what}[{i}]"), a, b);
            }
        }
        (Value::Array(_), Value::Array(_)) => assert_pdf_close(what, got, want, 1e-9),
        _ => assert_abs_close(what, got, want, 1e-9),
    }
}

/// Your own q(x): `"q_x"` in place of `"seed"` gives, for the seed's own
/// q(x), the seed's outputs in every demo (demo4 without shape_type); a
/// drawn shape is normalised; bad arrays are refused with the entry named.
#[test]
fn own_q_x_replaces_the_seed_in_every_demo() {
    for demo in ["demo1", "demo2", "demo3", "demo4"] {
        let seeded = demo_inputs(demo);
        let mut want = eval_ok(&seeded);
        let q = match demo {
            "demo3" => want["forward"][0].clone(),
            _ => want["q_x"].clone(),
        };
        let mut own = seeded.clone();
        own.as_object_mut().unwrap().remove("seed");
        own["q_x"] = q;
        let got = eval_ok(&own);
        if demo == "demo4" {
            assert!(got.get("shape_type").is_none(), "no shape for an own q(x)");
            want.as_object_mut().unwrap().remove("shape_type");
        }
        assert_same_numbers(demo, &got, &want);
    }
    // A shape of one's own (a box, twice too tall): normalised, and used.
    let boxed: Vec<f64> = (0..461)
        .map(|i| if (150..300).contains(&i) { 2.0 } else { 0.0 })
        .collect();
    let mut r = demo_inputs("demo2");
    r.as_object_mut().unwrap().remove("seed");
    r["q_x"] = json!(boxed);
    let out = eval_ok(&r);
    let q = numbers("q_x", &out["q_x"]);
    let mass: f64 = q.iter().sum::<f64>() * (4.6 / 460.0);
    assert!((mass - 1.0).abs() < 1e-12, "normalised: mass {mass}");
    assert_eq!(q[100], 0.0);
    let q_z = numbers("q_z", &out["q_z"]);
    assert!(
        q_z[100] > 0.0 && q_z[100] < q_z[230],
        "q(z) spreads the box: {} {}",
        q_z[100],
        q_z[230]
    );

    // With a seed, q_x is an output of a whole record and ignored.
    let mut both = demo_inputs("demo2");
    both["q_x"] = json!([1.0; 461].to_vec());
    assert_eq!(eval_ok(&both), eval_ok(&demo_inputs("demo2")));
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "not an array",
            json!("flat"),
            "\"q_x\" must be an array of 461 numbers",
        ),
        (
            "too short",
            json!(vec![1.0; 460]),
            "q_x has 460 values, expected 461",
        ),
        (
            "a string entry",
            {
                let mut v = vec![json!(1.0); 461];
                v[3] = json!("x");
                json!(v)
            },
            "\"q_x\"[3] must be a number, found a string",
        ),
        (
            "a negative entry",
            {
                let mut v = vec![1.0; 461];
                v[5] = -0.5;
                json!(v)
            },
            "\"q_x\"[5] = -0.5 must be non-negative",
        ),
        (
            "no mass",
            json!(vec![0.0; 461]),
            "q_x must have positive mass",
        ),
        ("too large", json!(vec![1e308; 461]), "q_x is too large"),
    ];
    for demo in ["demo1", "demo2", "demo3", "demo4"] {
        for (case, q, says) in &cases {
            let mut r = demo_inputs(demo);
            r.as_object_mut().unwrap().remove("seed");
            r["q_x"] = q.clone();
            assert_refused(&format!("{demo}: {case}"), r.to_string().as_bytes(), says);
        }
    }
}
