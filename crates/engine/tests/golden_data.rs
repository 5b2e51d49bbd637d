//! Golden parity for q(x), demo 1 and demo 2.
mod common;
use common::*;
use dpm_engine::{data, grid, posterior::gauss_fun, posterior::ForwardStep, transform};

#[test]
fn grid_matches_numpy_linspace_exactly() {
    let g = load("data.json");
    let want = vec_of(&g["x"]);
    assert_eq!(grid::points(), want);
}

#[test]
fn data_distributions_match_numpy_mixtures_and_special_seeds() {
    let g = load("data.json");
    for case in g["cases"].as_array().unwrap() {
        let seed = f(case, "seed") as u32;
        let shape = f(case, "shape_type") as u32;
        let count = f(case, "modal_count") as usize;
        let what = format!("seed {seed} shape {shape} count {count}");
        let q = data::mixture(seed, shape, count).unwrap();
        assert_pdf_close(&format!("{what} q_x"), &q, &vec_of(&case["q_x"]), PDF_TOL);
        let h = data::hijacked(seed, shape, count).unwrap();
        assert_pdf_close(
            &format!("{what} q_x_hijacked"),
            &h,
            &vec_of(&case["q_x_hijacked"]),
            PDF_TOL,
        );
    }
}

#[test]
fn demo_1_linear_noise_and_both_match_the_original() {
    for r in records("demo1.json") {
        let seed = f(&r, "seed") as u32;
        let (al, an) = (f(&r, "alpha_linear"), f(&r, "alpha_noise"));
        let what = format!("demo1 seed {seed} alphas {al} {an}");
        let q = data::mixture(seed, 0, 16).unwrap();
        assert_pdf_close(&format!("{what} q_x"), &q, &vec_of(&r["q_x"]), PDF_TOL);
        let out = transform::demo_1(&q, al, an).unwrap();
        assert_pdf_close(
            &format!("{what} linear"),
            &out.linear,
            &vec_of(&r["linear"]),
            PDF_TOL,
        );
        assert_pdf_close(
            &format!("{what} noise"),
            &out.noise,
            &vec_of(&r["noise"]),
            PDF_TOL,
        );
        assert_pdf_close(
            &format!("{what} both"),
            &out.both,
            &vec_of(&r["both"]),
            PDF_TOL,
        );
    }
}

#[test]
fn demo_2_marginal_posterior_likelihood_and_gauss_fun_match_the_original() {
    for r in records("demo2.json") {
        let seed = f(&r, "seed") as u32;
        let alpha = f(&r, "alpha");
        let cond = f(&r, "cond");
        let what = format!("demo2 seed {seed} alpha {alpha} z {cond}");
        let q = data::hijacked(seed, 0, 16).unwrap();
        assert_pdf_close(&format!("{what} q_x"), &q, &vec_of(&r["q_x"]), PDF_TOL);
        let step = ForwardStep::new(&q, alpha).unwrap();
        assert_pdf_close(
            &format!("{what} q_z"),
            &step.q_z,
            &vec_of(&r["q_z"]),
            PDF_TOL,
        );
        let j = grid::index_of(cond).unwrap();
        assert_eq!(
            j as i64,
            r["cond_index"].as_i64().unwrap(),
            "{what} cond_index"
        );
        assert_pdf_close(
            &format!("{what} posterior"),
            &step.posterior_column(j),
            &vec_of(&r["posterior_at_cond"]),
            PDF_TOL,
        );
        assert_pdf_close(
            &format!("{what} gauss_fun"),
            &gauss_fun(alpha, cond).unwrap(),
            &vec_of(&r["gauss_fun"]),
            PDF_TOL,
        );
        assert_pdf_close(
            &format!("{what} likelihood"),
            &step.likelihood_row(&q, 230),
            &vec_of(&r["likelihood_row_at_x_index_230"]),
            PDF_TOL,
        );
    }
}
