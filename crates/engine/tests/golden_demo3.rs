//! Golden parity for demos 3.1, 3.2 and 3.3: forward chain, restoration from
//! N(0,1), from a noisy tail, and with column-wise Gaussian fits.
mod common;
use common::*;
use dpm_engine::chain::{self, Chain};
use dpm_engine::{data, grid};

fn chain_for(r: &serde_json::Value) -> Chain {
    let seed = f(r, "seed") as u32;
    let alphas = chain::alphas(
        f(r, "start_alpha"),
        f(r, "end_alpha"),
        f(r, "steps") as usize,
    )
    .unwrap();
    let want_alphas = vec_of(&r["alphas"]);
    assert_eq!(alphas, want_alphas, "alphas");
    let q = data::hijacked(seed, 0, 16).unwrap();
    Chain::new(&q, &alphas).unwrap()
}

#[test]
fn demo_3_1_forward_chain_matches_the_original() {
    for r in records("demo3.json") {
        let c = chain_for(&r);
        assert_eq!(c.forward().len(), r["forward"].as_array().unwrap().len());
        assert_pdfs_field(c.forward(), &r, "forward", PDF_TOL);
    }
}

#[test]
fn demo_3_2_restores_from_normal_and_from_noisy_tail_like_the_original() {
    for r in records("demo3.json") {
        let c = chain_for(&r);
        let restored = c.restore(&grid::standard_normal()).unwrap();
        assert_pdfs_field(&restored, &r, "restored_from_normal", PDF_TOL);
        let js = chain::js_per_step(&restored, c.forward());
        assert_values_field(&js, &r, "restored_from_normal_js", JS_TOL);
        let ratio = f(&r, "noise_ratio");
        if ratio > 0.0 {
            let tail = chain::noisy_tail(f(&r, "noise_seed") as u32, ratio).unwrap();
            assert_pdf_close("noisy_tail", &tail, &vec_of(&r["noisy_tail"]), PDF_TOL);
            let restored = c.restore(&tail).unwrap();
            assert_pdfs_field(&restored, &r, "restored_from_noisy", PDF_TOL);
            let js = chain::js_per_step(&restored, c.forward());
            assert_values_field(&js, &r, "restored_from_noisy_js", JS_TOL);
        }
    }
}

#[test]
fn demo_3_3_restores_with_gaussian_fitted_posteriors_like_the_original() {
    for r in records("demo3.json") {
        let c = chain_for(&r);
        let fitted: Vec<Vec<f64>> = c
            .steps()
            .iter()
            .map(|s| dpm_engine::fit::fit_posterior(s.posterior()).unwrap().1)
            .collect();
        let refs: Vec<&[f64]> = fitted.iter().map(|m| m.as_slice()).collect();
        let restored = chain::restore_with(&refs, &grid::standard_normal());
        assert_pdfs_field(&restored, &r, "restored_fitted", FIT_TOL);
        let js = chain::js_per_step(&restored, c.forward());
        assert_values_field(&js, &r, "restored_fitted_js", FIT_TOL);
    }
}
