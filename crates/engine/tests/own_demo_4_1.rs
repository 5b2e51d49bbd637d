//! Your own q(x) in demo 4.1's model (issue 16): the step, lambda2 and the
//! contraction are those of the given q(x), as `dpm eval` computes them
//! from it; `None` returns to the seed's.
use dpm_engine::contraction::{self, data_for_seed};
use dpm_engine::demos::demo_4_1::{Model, DEFAULTS};
use dpm_engine::own;
use dpm_engine::posterior::ForwardStep;

#[test]
fn demo_4_1_model_uses_an_own_q_x_and_returns_to_the_seed() {
    let mut m = Model::new(&DEFAULTS).unwrap();
    let seeded_q_z = m.step().q_z().to_vec();
    let seeded_l2 = m.lambda2().unwrap();
    let (shape, seeded_q) = data_for_seed(DEFAULTS.seed).unwrap();
    assert_eq!(m.q_x(), &seeded_q[..]);

    let boxed: Vec<f64> = (0..461)
        .map(|i| if (60..200).contains(&i) { 1.0 } else { 0.0 })
        .collect();
    let q = own::q_x(&boxed).unwrap();
    m.set_own_q_x(Some(q.clone()));
    let c = m.update(&DEFAULTS).unwrap();
    assert!(c.q_x && c.step && c.inputs && c.contraction, "{c:?}");
    assert_eq!(m.q_x(), &q[..]);
    assert_eq!(m.shape_type(), shape, "the shape stays the seed's");
    let step = ForwardStep::new(&q, DEFAULTS.alpha).unwrap();
    assert_eq!(m.step().q_z(), step.q_z());
    assert_eq!(
        m.lambda2().unwrap(),
        contraction::lambda2(&q, &step).unwrap()
    );
    let want = contraction::contraction(&step, DEFAULTS.inputs_seed).unwrap();
    let got = m.contraction().unwrap();
    assert_eq!((got.js_in, got.js_out), (want.js_in, want.js_out));
    assert!((m.step().q_z()[100] - seeded_q_z[100]).abs() > 1e-3);

    // An alpha change keeps the own q(x).
    let p = dpm_engine::demos::demo_4_1::Params {
        alpha: 0.9,
        ..DEFAULTS
    };
    let c = m.update(&p).unwrap();
    assert!(!c.q_x && c.step);
    assert_eq!(m.q_x(), &q[..]);

    m.set_own_q_x(None);
    m.update(&DEFAULTS).unwrap();
    assert_eq!(m.q_x(), &seeded_q[..]);
    assert_eq!(m.step().q_z(), &seeded_q_z[..]);
    assert_eq!(m.lambda2().unwrap(), seeded_l2);
}
