//! Axes, ticks and where the plot area sits inside a chart of any pixel size.

use crate::style::Metrics;

/// A rectangle in backend pixels: `x`, `y` are the top-left corner in the
/// coordinates of the whole backend (the canvas), not of a sub-area.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct PlotRect {
    /// Left edge.
    pub x: i32,
    /// Top edge.
    pub y: i32,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl PlotRect {
    /// The right edge (exclusive).
    pub fn right(&self) -> i32 {
        self.x + self.width as i32
    }

    /// The bottom edge (exclusive).
    pub fn bottom(&self) -> i32 {
        self.y + self.height as i32
    }
}

/// Where the major ticks of an axis go.
#[derive(Clone, Debug, PartialEq)]
pub enum Ticks {
    /// "Nice" steps (1, 2, 2.5 or 5 times a power of ten), as many as fit,
    /// like matplotlib's default locator.
    Auto,
    /// Every multiple of `step` inside the range.
    Every(f64),
    /// No ticks and no tick labels.
    None,
}

/// One axis: its fixed range, ticks and optional label.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// The value at the left (x) or bottom (y) edge of the plot area.
    pub min: f64,
    /// The value at the right (x) or top (y) edge of the plot area.
    pub max: f64,
    /// Major ticks: labelled, with a light grid line.
    pub major: Ticks,
    /// Spacing of unlabelled minor ticks, if any.
    pub minor_step: Option<f64>,
    /// The axis label, already translated.
    pub label: Option<String>,
}

impl Axis {
    /// An axis over `min..max` with automatic ticks and no label.
    pub fn new(min: f64, max: f64) -> Self {
        Axis {
            min,
            max,
            major: Ticks::Auto,
            minor_step: None,
            label: None,
        }
    }

    /// The x axis of every pdf plot: -2.3..2.3, major ticks every 1, minor
    /// every 0.2.
    pub fn pdf_x() -> Self {
        Axis {
            min: -2.3,
            max: 2.3,
            major: Ticks::Every(1.0),
            minor_step: Some(0.2),
            label: None,
        }
    }

    /// The y axis of a pdf plot: 0..`max` (3.2 unless a demo says otherwise).
    pub fn pdf_y(max: f64) -> Self {
        Axis::new(0.0, max)
    }

    /// The same axis with a label.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// The same axis labelled `label`, or unlabelled if it is empty.
    pub(crate) fn with_label_if_any(self, label: &str) -> Self {
        if label.is_empty() {
            self
        } else {
            self.with_label(label)
        }
    }

    /// The same axis with other major ticks.
    pub fn with_major(mut self, major: Ticks) -> Self {
        self.major = major;
        self
    }

    /// The same axis with minor ticks every `step` (or none).
    pub fn with_minor(mut self, step: Option<f64>) -> Self {
        self.minor_step = step;
        self
    }

    pub(crate) fn is_valid(&self) -> bool {
        self.min.is_finite() && self.max.is_finite() && self.max > self.min
    }

    /// Major tick values and their labels; `max_count` bounds `Ticks::Auto`.
    pub(crate) fn major_ticks(&self, max_count: usize) -> Vec<(f64, String)> {
        let step = match self.major {
            Ticks::None => return Vec::new(),
            Ticks::Every(step) => step,
            Ticks::Auto => nice_step(self.max - self.min, max_count.max(2)),
        };
        let decimals = decimals_for(step);
        multiples(self.min, self.max, step)
            .into_iter()
            .map(|v| (v, format_tick(v, decimals)))
            .collect()
    }

    /// Minor tick values that do not coincide with a major tick.
    pub(crate) fn minor_ticks(&self, majors: &[(f64, String)]) -> Vec<f64> {
        let Some(step) = self.minor_step else {
            return Vec::new();
        };
        let tolerance = step * 1e-6;
        multiples(self.min, self.max, step)
            .into_iter()
            .filter(|v| majors.iter().all(|(m, _)| (m - v).abs() > tolerance))
            .collect()
    }
}

/// Multiples of `step` within `[min, max]` (inclusive up to rounding), at most
/// a few thousand so a silly step cannot stall a frame.
fn multiples(min: f64, max: f64, step: f64) -> Vec<f64> {
    if !(step.is_finite() && step > 0.0 && min.is_finite() && max.is_finite()) {
        return Vec::new();
    }
    let slack = step * 1e-9;
    let first = ((min - slack) / step).ceil() as i64;
    let last = ((max + slack) / step).floor() as i64;
    if last < first || last - first > 2000 {
        return Vec::new();
    }
    // k * step, not an accumulated sum: 0.2 * 11 must print as 2.2.
    (first..=last).map(|k| k as f64 * step).collect()
}

/// The smallest step of the form {1, 2, 2.5, 5} x 10^k that cuts `span` into at
/// most `max_count` intervals.
fn nice_step(span: f64, max_count: usize) -> f64 {
    let raw = span / max_count as f64;
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        let step = m * magnitude;
        if step >= raw * (1.0 - 1e-9) {
            return step;
        }
    }
    10.0 * magnitude
}

/// Digits after the decimal point needed to tell ticks `step` apart.
fn decimals_for(step: f64) -> usize {
    let mut decimals = 0;
    let mut scaled = step.abs();
    while decimals < 6 && (scaled - scaled.round()).abs() > 1e-6 * scaled.max(1.0) {
        scaled *= 10.0;
        decimals += 1;
    }
    decimals
}

/// A tick label as matplotlib prints it: fixed decimals and a real minus sign
/// (U+2212), never "-0".
fn format_tick(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let is_zero = text.chars().all(|c| c == '0' || c == '.');
    if value < 0.0 && !is_zero {
        format!("\u{2212}{text}")
    } else {
        text
    }
}

/// Estimated advance width of `text` in pixels at font size `px`.
///
/// Only for reserving space (tick-label gutters, legend boxes): the backend
/// draws the real text. Widths are DejaVu Sans's (the PNG font and close to
/// most sans-serif faces); wide scripts such as Chinese count one em a
/// character. Measuring in the browser instead would cost a DOM reflow per
/// string per frame, which is what plotters' own wasm estimator does.
pub(crate) fn text_width(text: &str, px: f64) -> f64 {
    let ems: f64 = text.chars().map(char_em).sum();
    ems * px
}

fn char_em(c: char) -> f64 {
    // DejaVu Sans advance widths in thousandths of an em, ' ' (32) to '~' (126).
    const ASCII: [u16; 95] = [
        318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636,
        636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698,
        770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732,
        684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
        634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592,
        525, 636, 337, 636, 838,
    ];
    let code = c as u32;
    if (32..127).contains(&code) {
        f64::from(ASCII[(code - 32) as usize]) / 1000.0
    } else if is_wide(code) {
        1.0
    } else {
        0.7
    }
}

/// East Asian wide and fullwidth blocks (CJK, kana, hangul, fullwidth forms).
fn is_wide(code: u32) -> bool {
    matches!(code,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// Text that goes around a plot area, already resolved to strings.
pub(crate) struct Furniture<'a> {
    pub title: &'a str,
    pub x_axis: &'a Axis,
    pub y_axis: &'a Axis,
    /// Make the plot area square (heat maps, as matplotlib's `imshow`).
    pub square: bool,
}

/// The resolved layout of one chart.
pub(crate) struct Layout {
    pub plot: PlotRect,
    pub x_ticks: Vec<(f64, String)>,
    pub y_ticks: Vec<(f64, String)>,
}

/// Places the plot area inside `area` (backend pixels, top-left `origin`),
/// leaving room for the title, tick labels and axis labels.
pub(crate) fn layout(
    origin: (i32, i32),
    size: (u32, u32),
    furniture: &Furniture<'_>,
    m: &Metrics,
) -> Layout {
    let (w, h) = (f64::from(size.0), f64::from(size.1));
    let (top, bottom_gutter) = vertical_gutters(furniture, m);

    // Tick counts depend on the plot size and the left gutter on the labels;
    // one provisional pass with a generous gutter settles both.
    let tick_space = 2.6 * m.font;
    let provisional_h = (h - top - bottom_gutter).max(1.0);
    let y_ticks = furniture
        .y_axis
        .major_ticks((provisional_h / tick_space).floor().clamp(2.0, 9.0) as usize);
    let left_gutter = left_gutter(furniture, &y_ticks, m);

    let provisional_w = (w - left_gutter - m.pad).max(1.0);
    let x_ticks = furniture
        .x_axis
        .major_ticks((provisional_w / (4.0 * m.font)).floor().clamp(2.0, 11.0) as usize);
    let right_gutter = right_gutter(furniture.x_axis, &x_ticks, provisional_w, m);

    let mut plot_w = (w - left_gutter - right_gutter).max(1.0);
    let mut plot_h = (h - top - bottom_gutter).max(1.0);
    let mut left = left_gutter;
    let mut plot_top = top;
    if furniture.square {
        let side = plot_w.min(plot_h);
        left += (plot_w - side) / 2.0;
        plot_top += (plot_h - side) / 2.0;
        plot_w = side;
        plot_h = side;
    }

    Layout {
        plot: PlotRect {
            x: origin.0 + left.round() as i32,
            y: origin.1 + plot_top.round() as i32,
            width: plot_w.round().max(1.0) as u32,
            height: plot_h.round().max(1.0) as u32,
        },
        x_ticks,
        y_ticks,
    }
}

/// The height of a line of text `px` tall.
fn line(px: f64) -> f64 {
    px * 1.25
}

/// The room above the plot (the title) and below it (x tick labels, the x
/// label).
fn vertical_gutters(furniture: &Furniture<'_>, m: &Metrics) -> (f64, f64) {
    let top = m.pad
        + if furniture.title.is_empty() {
            0.0
        } else {
            line(m.title_font) + m.gap
        };
    let x_label_h = match &furniture.x_axis.label {
        Some(label) if !label.is_empty() => line(m.label_font) + m.gap,
        _ => 0.0,
    };
    let x_ticks_present = !matches!(furniture.x_axis.major, Ticks::None);
    let bottom_gutter = m.pad
        + x_label_h
        + if x_ticks_present {
            m.major_tick + m.gap * 0.75 + line(m.font)
        } else {
            0.0
        };
    (top, bottom_gutter)
}

/// The room left of the plot: the y label and the widest y tick label.
fn left_gutter(furniture: &Furniture<'_>, y_ticks: &[(f64, String)], m: &Metrics) -> f64 {
    let y_label_w = match &furniture.y_axis.label {
        Some(label) if !label.is_empty() => line(m.label_font) + m.gap,
        _ => 0.0,
    };
    let y_ticks_present = !matches!(furniture.y_axis.major, Ticks::None);
    let y_tick_w = y_ticks
        .iter()
        .map(|(_, s)| text_width(s, m.font))
        .fold(0.0, f64::max);
    m.pad
        + y_label_w
        + if y_ticks_present {
            y_tick_w + m.major_tick + m.gap
        } else {
            0.0
        }
}

/// The room right of the plot: a tick label centred near the right edge
/// must not be cut off.
fn right_gutter(x_axis: &Axis, x_ticks: &[(f64, String)], plot_w: f64, m: &Metrics) -> f64 {
    let right_overhang = x_ticks
        .iter()
        .map(|(v, s)| {
            let from_right = (x_axis.max - v) / (x_axis.max - x_axis.min) * plot_w;
            text_width(s, m.font) / 2.0 - from_right
        })
        .fold(0.0, f64::max);
    m.pad.max(right_overhang + m.gap * 0.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_x_axis_has_integer_majors_and_fifth_minors() {
        let axis = Axis::pdf_x();
        let majors = axis.major_ticks(10);
        let labels: Vec<&str> = majors.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(labels, ["\u{2212}2", "\u{2212}1", "0", "1", "2"]);
        let minors = axis.minor_ticks(&majors);
        // -2.2, -2.0 ... 2.2 is 23 positions, 5 of them majors.
        assert_eq!(minors.len(), 18);
        assert!((minors[0] + 2.2).abs() < 1e-12);
    }

    #[test]
    fn auto_ticks_on_pdf_y_follow_matplotlib() {
        let labels: Vec<String> = Axis::pdf_y(3.2)
            .major_ticks(8)
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        assert_eq!(labels, ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5", "3.0"]);
        let labels: Vec<String> = Axis::pdf_y(5.0)
            .major_ticks(8)
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        assert_eq!(labels, ["0", "1", "2", "3", "4", "5"]);
    }

    #[test]
    fn negative_zero_prints_as_zero() {
        assert_eq!(format_tick(-0.0, 1), "0.0");
        assert_eq!(format_tick(-1e-17, 0), "0");
        assert_eq!(format_tick(-0.5, 1), "\u{2212}0.5");
    }

    #[test]
    fn chinese_is_wider_than_latin_per_character() {
        assert!(text_width("后验", 10.0) > text_width("ab", 10.0));
    }
}
