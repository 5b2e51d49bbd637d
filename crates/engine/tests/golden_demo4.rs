//! Golden parity for demos 4.1 and 4.2: `demo4.json` (the original's
//! output) and `demo4_edges.json` (q(z) tiny in some columns; its iterations
//! are powers of the column-normalised posterior, see the golden README).
mod common;
use common::*;
use dpm_engine::contraction::{self, data_for_seed};
use dpm_engine::converge::{self, PowerIteration};
use dpm_engine::posterior::ForwardStep;

/// Every demo 4 record, both files.
fn demo4_records() -> Vec<serde_json::Value> {
    let mut all = records("demo4.json");
    all.extend(records("demo4_edges.json"));
    all
}

#[test]
fn demo_4_1_data_contraction_and_lambda2_match_the_original() {
    for r in demo4_records() {
        let seed = f(&r, "seed") as u32;
        let alpha = f(&r, "alpha");
        let what = format!("demo4 seed {seed} alpha {alpha}");
        let (shape, q) = data_for_seed(seed).unwrap();
        assert_eq!(
            shape as i64,
            r["shape_type"].as_i64().unwrap(),
            "{what} shape"
        );
        assert_pdf_field(&what, &q, &r, "q_x");
        let step = ForwardStep::new(&q, alpha).unwrap();
        assert_pdf_field(&what, step.q_z(), &r, "q_z");
        let c = contraction::contraction(&step, f(&r, "inputs_seed") as u32).unwrap();
        let pairs = [
            (as_i64s(&c.inputs.modal_counts), "input_modal_counts"),
            (as_i64s(&c.inputs.seeds), "input_seeds"),
            (as_i64s(&c.inputs.shapes), "input_shapes"),
        ];
        for (got, key) in pairs {
            assert_eq!(got, ints(&r, key), "{what} {key}");
        }
        for (k, n) in ["1", "2"].into_iter().enumerate() {
            assert_pdf_field(&what, &c.inputs.inputs[k], &r, &format!("input{n}"));
            assert_pdf_field(&what, &c.outputs[k], &r, &format!("output{n}"));
        }
        assert_close("js_in", c.js_in, f(&r, "js_in"), JS_TOL);
        assert_close("js_out", c.js_out, f(&r, "js_out"), JS_TOL);
        let l2 = contraction::lambda2(&q, &step).unwrap();
        assert_close(&format!("{what} lambda2"), l2, f(&r, "lambda2"), JS_TOL);
    }
}

#[test]
fn demo_4_2_iterations_match_the_original() {
    for r in demo4_records() {
        let seed = f(&r, "seed") as u32;
        let (_, q) = data_for_seed(seed).unwrap();
        let step = ForwardStep::new(&q, f(&r, "alpha")).unwrap();
        let z = converge::fixed_point_input(f(&r, "fixed_point_seed") as u32).unwrap();
        assert_pdf_field("demo4", &z, &r, "fixed_point_input");
        assert_close(
            "fixed_point_input_js",
            dpm_engine::divergence::js_distance(&z, &q),
            f(&r, "fixed_point_input_js"),
            JS_TOL,
        );
        let power = PowerIteration::new(&q, &step).unwrap();
        let its = converge::iterate(&power, &q, &z, f(&r, "iterate_number") as u64).unwrap();
        let want = r["iterations"].as_array().unwrap();
        let what = format!("seed {seed} alpha {}", f(&r, "alpha"));
        assert_eq!(its.len(), want.len(), "{what}: displayed counts");
        for (got, w) in its.iter().zip(want) {
            assert_eq!(got.n as i64, w["n"].as_i64().unwrap());
            assert_pdf_close(
                &format!("{what} iteration {}", got.n),
                &got.q,
                &vec_of(&w["q"]),
                PDF_TOL,
            );
            assert_close(
                &format!("{what} js at {}", got.n),
                got.js,
                f(w, "js"),
                JS_TOL,
            );
        }
    }
}
