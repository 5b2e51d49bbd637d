//! What a numeric control accepts: its range, step and decimals
//! ([`NumberSpec`]), and what a typed text means for it ([`parse`]: valid,
//! adjusted with why, or refused). No DOM: `crate::dom` builds the controls.

use crate::i18n::FieldMessage;

/// The allowed values of a numeric control.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NumberSpec {
    pub min: f64,
    pub max: f64,
    /// The slider's step; typed values are rounded to it. `None` for seeds.
    pub step: Option<f64>,
    /// Whole numbers only (seeds).
    pub integer: bool,
    /// Decimals shown in the field.
    pub decimals: usize,
    /// Typed values are kept as typed (only clamped), not rounded to the
    /// slider's step: demo 3.1's alphas accept 0.857375 (= 0.95^3).
    pub exact_typed: bool,
}

impl NumberSpec {
    /// A slider from `min` to `max` in steps of `step`, shown with `decimals`.
    pub const fn slider(min: f64, max: f64, step: f64, decimals: usize) -> Self {
        NumberSpec {
            min,
            max,
            step: Some(step),
            integer: false,
            decimals,
            exact_typed: false,
        }
    }

    /// The slider of one of the engine's demo controls (`dpm_engine::demos`),
    /// shown with `decimals`.
    pub const fn of(c: &dpm_engine::demos::Control, decimals: usize) -> Self {
        Self::slider(c.min, c.max, c.step, decimals)
    }

    /// The same slider, its typed values kept exactly (up to 12 decimals).
    pub const fn exact(self) -> Self {
        NumberSpec {
            exact_typed: true,
            ..self
        }
    }

    /// A whole number from `min` to `max` typed in a field or moved in
    /// steps of one.
    pub const fn whole(min: f64, max: f64) -> Self {
        NumberSpec {
            min,
            max,
            step: Some(1.0),
            integer: true,
            decimals: 0,
            exact_typed: false,
        }
    }

    /// A seed of NumPy's `RandomState`: a whole number in `0..=2^32-1`.
    pub const fn seed() -> Self {
        NumberSpec {
            min: 0.0,
            max: u32::MAX as f64,
            step: None,
            integer: true,
            decimals: 0,
            exact_typed: false,
        }
    }

    /// The value as the field shows it.
    pub fn format(&self, v: f64) -> String {
        if self.integer {
            format!("{}", v as u64)
        } else if self.exact_typed && self.snap(v) != v {
            // A typed value between slider steps: its shortest exact form.
            format!("{v}")
        } else {
            format!("{:.*}", self.decimals, v)
        }
    }

    /// `v` rounded to the nearest step from `min`, then to the shown
    /// decimals, so a typed 0.9876 becomes exactly the 0.988 the slider gives.
    pub fn snap(&self, v: f64) -> f64 {
        let Some(step) = self.step else { return v };
        let k = ((v - self.min) / step).round();
        let snapped = (self.min + k * step).clamp(self.min, self.max);
        let scale = 10f64.powi(self.decimals as i32);
        (snapped * scale).round() / scale
    }

    /// `v` moved by `steps` slider steps (or units, for seeds), kept in range.
    pub fn nudge(&self, v: f64, steps: f64) -> f64 {
        let step = self.step.unwrap_or(1.0);
        // From a typed value between two steps, one step goes to the
        // neighbouring grid point in that direction.
        let base = if self.snap(v) == v {
            v
        } else {
            let k = (v - self.min) / step;
            let k = if steps > 0.0 { k.floor() } else { k.ceil() };
            self.min + k * step
        };
        self.snap((base + steps * step).clamp(self.min, self.max))
    }
}

/// What a typed text means for a control.
#[derive(Clone, Debug, PartialEq)]
pub enum Parsed {
    /// A valid value.
    Value(f64),
    /// A value changed to fit (clamped or rounded), with why.
    Adjusted(f64, FieldMessage),
    /// Refused: the control keeps its last good value.
    Refused(FieldMessage),
}

/// Reads what the reader typed. Full-width digits and the minus sign U+2212
/// count as their ASCII forms (Chinese input methods type them); `NaN`,
/// `inf`, an empty field and anything else that is not a finite number are
/// refused.
pub fn parse(text: &str, spec: &NumberSpec, kept: f64) -> Parsed {
    let ascii: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '－' | '\u{2212}' => '-',
            '＋' => '+',
            'ｅ' | 'Ｅ' => 'e',
            c => c,
        })
        .collect();
    let kept_text = spec.format(kept);
    let v = match ascii.parse::<f64>() {
        Ok(v) if v.is_finite() => v,
        _ => return Parsed::Refused(FieldMessage::NotANumber { kept: kept_text }),
    };
    if spec.integer && v.fract() != 0.0 && v >= spec.min && v <= spec.max {
        return Parsed::Refused(FieldMessage::NotWhole { kept: kept_text });
    }
    if v < spec.min || v > spec.max {
        let value = v.clamp(spec.min, spec.max);
        return Parsed::Adjusted(
            value,
            FieldMessage::Clamped {
                value: spec.format(value),
                min: spec.format(spec.min),
                max: spec.format(spec.max),
            },
        );
    }
    if spec.exact_typed {
        // Kept as typed, to the 12th decimal (no binary noise beyond it).
        let kept = (v * 1e12).round() / 1e12;
        return if kept == v {
            Parsed::Value(v)
        } else {
            Parsed::Adjusted(
                kept,
                FieldMessage::Rounded {
                    value: spec.format(kept),
                },
            )
        };
    }
    let snapped = spec.snap(v);
    if snapped != v {
        return Parsed::Adjusted(
            snapped,
            FieldMessage::Rounded {
                value: spec.format(snapped),
            },
        );
    }
    Parsed::Value(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALPHA: NumberSpec = NumberSpec::slider(0.3, 0.999, 0.001, 3);
    const Z: NumberSpec = NumberSpec::slider(-2.3, 2.3, 0.1, 1);

    #[test]
    fn junk_is_refused_and_keeps_the_last_value() {
        for junk in ["abc", "", "NaN", "nan", "inf", "-infinity", "0x10", "1,5"] {
            assert!(
                matches!(parse(junk, &ALPHA, 0.7), Parsed::Refused(FieldMessage::NotANumber { ref kept }) if kept == "0.700"),
                "{junk:?}"
            );
        }
    }

    #[test]
    fn out_of_range_values_are_clamped() {
        assert!(matches!(parse("-5", &ALPHA, 0.7), Parsed::Adjusted(v, _) if v == 0.3));
        assert!(matches!(parse("1e9", &ALPHA, 0.7), Parsed::Adjusted(v, _) if v == 0.999));
        assert!(
            matches!(parse("-5", &NumberSpec::seed(), 100.0), Parsed::Adjusted(v, _) if v == 0.0)
        );
        assert!(matches!(
            parse("1e10", &NumberSpec::seed(), 100.0),
            Parsed::Adjusted(v, _) if v == u32::MAX as f64
        ));
    }

    #[test]
    fn seeds_are_whole_numbers() {
        assert_eq!(parse("1e9", &NumberSpec::seed(), 100.0), Parsed::Value(1e9));
        assert!(matches!(
            parse("1.5", &NumberSpec::seed(), 100.0),
            Parsed::Refused(FieldMessage::NotWhole { .. })
        ));
        assert_eq!(
            parse(" １６００３ ", &NumberSpec::seed(), 1.0),
            Parsed::Value(16003.0)
        );
    }

    #[test]
    fn typed_values_snap_to_the_slider_grid_exactly() {
        assert_eq!(parse("0.95", &ALPHA, 0.7), Parsed::Value(0.95));
        assert!(matches!(parse("0.9876", &ALPHA, 0.7), Parsed::Adjusted(v, _) if v == 0.988));
        assert_eq!(parse("\u{2212}2", &Z, 0.2), Parsed::Value(-2.0));
        assert!(matches!(parse("0.26", &Z, 0.2), Parsed::Adjusted(v, _) if v == 0.3));
        // Every slider position survives the round trip unchanged.
        for k in 0..=46 {
            let v = Z.snap(-2.3 + k as f64 * 0.1);
            assert_eq!(parse(&Z.format(v), &Z, 0.0), Parsed::Value(v));
        }
    }

    #[test]
    fn exact_alphas_keep_typed_values_and_clamp_the_ends() {
        const A: NumberSpec = NumberSpec::slider(0.001, 0.999, 0.001, 3).exact();
        assert_eq!(parse("0.857375", &A, 0.98), Parsed::Value(0.857375));
        assert_eq!(A.format(0.857375), "0.857375");
        assert_eq!(A.format(0.98), "0.980");
        assert!(matches!(parse("0", &A, 0.98), Parsed::Adjusted(v, _) if v == 0.001));
        assert!(matches!(parse("1", &A, 0.98), Parsed::Adjusted(v, _) if v == 0.999));
        assert!(
            matches!(parse("0.1234567890123456", &A, 0.98), Parsed::Adjusted(v, _) if v == 0.123456789012)
        );
        // Arrows go from a typed value to the neighbouring slider steps.
        assert_eq!(A.nudge(0.857375, 1.0), 0.858);
        assert_eq!(A.nudge(0.857375, -1.0), 0.857);
        assert_eq!(A.nudge(0.98, 1.0), 0.981);
    }

    #[test]
    fn whole_numbers_are_clamped_and_fractions_refused() {
        const STEPS: NumberSpec = NumberSpec::whole(1.0, 15.0);
        assert!(matches!(parse("0", &STEPS, 7.0), Parsed::Adjusted(v, _) if v == 1.0));
        assert!(matches!(parse("99", &STEPS, 7.0), Parsed::Adjusted(v, _) if v == 15.0));
        assert!(matches!(
            parse("7.5", &STEPS, 7.0),
            Parsed::Refused(FieldMessage::NotWhole { .. })
        ));
        const ITER: NumberSpec = NumberSpec::whole(0.0, 1e6);
        assert!(matches!(parse("1e12", &ITER, 500.0), Parsed::Adjusted(v, _) if v == 1e6));
        assert!(matches!(parse("-1", &ITER, 500.0), Parsed::Adjusted(v, _) if v == 0.0));
        assert_eq!(ITER.format(1e6), "1000000");
    }

    #[test]
    fn arrow_keys_move_one_step_and_stop_at_the_ends() {
        assert_eq!(ALPHA.nudge(0.7, 1.0), 0.701);
        assert_eq!(ALPHA.nudge(0.999, 1.0), 0.999);
        assert_eq!(NumberSpec::seed().nudge(0.0, -1.0), 0.0);
        assert_eq!(Z.nudge(0.2, -10.0), -0.8);
    }
}
