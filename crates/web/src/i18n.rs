//! The demos' words: every label, title and note comes from
//! `dpm_figures::text` (shared with `dpm figure`); what is only the page's,
//! the messages beside a typed field, is here.

pub(crate) use dpm_figures::text::*;
pub(crate) use dpm_figures::Lang;

/// Why a typed value was changed or refused (next to the field).
#[derive(Clone, Debug, PartialEq)]
pub enum FieldMessage {
    /// Not a number at all; the last good value was kept.
    NotANumber { kept: String },
    /// A seed with a fractional part; the last good value was kept.
    NotWhole { kept: String },
    /// Outside the range; set to the nearest end.
    Clamped {
        value: String,
        min: String,
        max: String,
    },
    /// Between two slider steps; rounded to the nearest.
    Rounded { value: String },
    /// The page's URL gave a value the control does not allow; the default is used.
    FromLink { given: String, default: String },
    /// A fixed note (e.g. the dice found no random source).
    Note(Text),
}

impl FieldMessage {
    pub fn render(&self, lang: Lang) -> String {
        match (self, lang) {
            (FieldMessage::NotANumber { kept }, Lang::En) => {
                format!("Not a number; kept {kept}.")
            }
            (FieldMessage::NotANumber { kept }, Lang::Zh) => format!("不是数字，保留 {kept}。"),
            (FieldMessage::NotWhole { kept }, Lang::En) => {
                format!("Whole numbers only; kept {kept}.")
            }
            (FieldMessage::NotWhole { kept }, Lang::Zh) => {
                format!("须为整数，保留 {kept}。")
            }
            (FieldMessage::Clamped { value, min, max }, Lang::En) => {
                format!("Allowed {min} to {max}; set to {value}.")
            }
            (FieldMessage::Clamped { value, min, max }, Lang::Zh) => {
                format!("允许范围 {min} 到 {max}，已设为 {value}。")
            }
            (FieldMessage::Rounded { value }, Lang::En) => {
                format!("Rounded to the slider's step: {value}.")
            }
            (FieldMessage::Rounded { value }, Lang::Zh) => {
                format!("已按滑块步长取整为 {value}。")
            }
            (FieldMessage::FromLink { given, default }, Lang::En) => {
                format!(
                    "The link's value “{given}” is not allowed here; using the default, {default}."
                )
            }
            (FieldMessage::FromLink { given, default }, Lang::Zh) => {
                format!("链接里的值“{given}”在这里不可用，已改用默认值 {default}。")
            }
            (FieldMessage::Note(text), lang) => text.get(lang).to_owned(),
        }
    }
}
