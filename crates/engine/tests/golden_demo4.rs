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
        assert_pdf_close(&format!("{what} q_x"), &q, &vec_of(&r["q_x"]), PDF_TOL);
        let step = ForwardStep::new(&q, alpha).unwrap();
        assert_pdf_close(
            &format!("{what} q_z"),
            &step.q_z,
            &vec_of(&r["q_z"]),
            PDF_TOL,
        );
        let c = contraction::contraction(&step, f(&r, "inputs_seed") as u32).unwrap();
        let ints = |k: &str| -> Vec<i64> {
            r[k].as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_i64().unwrap())
                .collect()
        };
        assert_eq!(
            c.inputs
                .modal_counts
                .iter()
                .map(|&v| v as i64)
                .collect::<Vec<_>>(),
            ints("input_modal_counts")
        );
        assert_eq!(
            c.inputs.seeds.iter().map(|&v| v as i64).collect::<Vec<_>>(),
            ints("input_seeds")
        );
        assert_eq!(
            c.inputs
                .shapes
                .iter()
                .map(|&v| v as i64)
                .collect::<Vec<_>>(),
            ints("input_shapes")
        );
        assert_pdf_close(
            "input1",
            &c.inputs.inputs[0],
            &vec_of(&r["input1"]),
            PDF_TOL,
        );
        assert_pdf_close(
            "input2",
            &c.inputs.inputs[1],
            &vec_of(&r["input2"]),
            PDF_TOL,
        );
        assert_pdf_close("output1", &c.outputs[0], &vec_of(&r["output1"]), PDF_TOL);
        assert_pdf_close("output2", &c.outputs[1], &vec_of(&r["output2"]), PDF_TOL);
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
        assert_pdf_close(
            "fixed_point_input",
            &z,
            &vec_of(&r["fixed_point_input"]),
            PDF_TOL,
        );
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
