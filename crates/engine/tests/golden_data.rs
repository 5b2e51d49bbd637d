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
        assert_pdf_field(&what, &q, case, "q_x");
        let h = data::hijacked(seed, shape, count).unwrap();
        assert_pdf_field(&what, &h, case, "q_x_hijacked");
    }
}

#[test]
fn demo_1_linear_noise_and_both_match_the_original() {
    for r in records("demo1.json") {
        let seed = f(&r, "seed") as u32;
        let (al, an) = (f(&r, "alpha_linear"), f(&r, "alpha_noise"));
        let what = format!("demo1 seed {seed} alphas {al} {an}");
        let q = data::mixture(seed, 0, 16).unwrap();
        assert_pdf_field(&what, &q, &r, "q_x");
        let out = transform::demo_1(&q, al, an).unwrap();
        assert_pdf_field(&what, &out.linear, &r, "linear");
        assert_pdf_field(&what, &out.noise, &r, "noise");
        assert_pdf_field(&what, &out.both, &r, "both");
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
        assert_pdf_field(&what, &q, &r, "q_x");
        let step = ForwardStep::new(&q, alpha).unwrap();
        assert_pdf_field(&what, step.q_z(), &r, "q_z");
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
        assert_pdf_field(&what, &gauss_fun(alpha, cond).unwrap(), &r, "gauss_fun");
        assert_pdf_close(
            &format!("{what} likelihood"),
            &step.likelihood_row(&q, 230),
            &vec_of(&r["likelihood_row_at_x_index_230"]),
            PDF_TOL,
        );
    }
}
