//! Demo 4.2: the posterior transform of demo 4.1 applied again and again.
use super::Control;
use crate::converge::MAX_ITERATE;

pub const INPUT_SEED: u32 = 200;
pub const ITERATE_NUMBER: Control = Control::new(0.0, MAX_ITERATE as f64, 1.0, 500.0);

params! {
    /// Seed of the input (`fixed_point_input`).
    input_seed: u32 = INPUT_SEED,
    iterate_number: u64 = ITERATE_NUMBER.default as u64,
    show_power: bool = true,
}
