//! Figures D.4 and D.5: GaussFun's centre moves from z by
//! `|z| (1 - sqrt(alpha)) / sqrt(alpha)`, and far from the origin so far
//! that q(x = z | z) is 0.

use super::words::{fill, num, short, Words};
use super::{extent, FigureChart, Panel, D5_SIZE, LINE_SIZE};
use crate::layout::{Axis, Ticks};
use crate::line_chart::{LineChart, Series};
use crate::marks::{Corner, HAlign, Ink, Mark, VLine};
use crate::style::{LineStyle, PlotColor};

/// The numbers of one D.4 / D.5 panel (`dpm_engine::figures::CentreDeviation`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DeviationView<'a> {
    pub x: &'a [f64],
    pub q_x: &'a [f64],
    pub gauss_fun: &'a [f64],
    pub posterior: &'a [f64],
    pub alpha: f64,
    pub beta: f64,
    pub z: f64,
    /// GaussFun's centre `z / sqrt(alpha)` and std.
    pub centre: f64,
    pub sigma: f64,
    /// `|z| (1 - sqrt(alpha)) / sqrt(alpha)`.
    pub deviation: f64,
    /// `q(x|z)` at x = z.
    pub value_at_z: f64,
}

/// A y range that fits every curve of `views` with room for the legend: the
/// panels of D.4 share it so they compare at a glance.
pub fn deviation_y_max(views: &[DeviationView<'_>]) -> f64 {
    let peak = views
        .iter()
        .flat_map(|v| [v.q_x, v.gauss_fun, v.posterior])
        .flat_map(|s| s.iter())
        .copied()
        .filter(|y| y.is_finite())
        .fold(0.0f64, f64::max);
    (((peak * 1.5) * 2.0).ceil() / 2.0).max(0.5)
}

/// One panel of D.4: `general` is the upper row (alpha = 1, beta given),
/// otherwise the lower row (beta = 1 - alpha); `y_max` from
/// [`deviation_y_max`] over the four panels.
///
/// Words: `d4.title_general` ({tag}, {beta}, {z}), `d4.title_ddpm` ({tag},
/// {alpha}, {z}), `d4.q_x`, `d4.gauss_fun`, `d4.posterior` ({z}),
/// `d4.shift` ({shift}), `d4.desc` ({alpha}, {beta}, {z}, {centre},
/// {shift}).
pub fn d4_panel<'a>(
    tag: &str,
    v: &DeviationView<'a>,
    general: bool,
    y_max: f64,
    w: Words<'_>,
) -> Panel<'a> {
    let s = Strings::of(v);
    let title = if general {
        fill(
            &w("d4.title_general"),
            &[("tag", tag), ("beta", &s.beta), ("z", &s.z)],
        )
    } else {
        fill(
            &w("d4.title_ddpm"),
            &[("tag", tag), ("alpha", &s.alpha), ("z", &s.z)],
        )
    };
    let chart = deviation_chart(v, title, &s, y_max, w);
    let shift = num(v.deviation, 2);
    let marks = deviation_marks(
        v,
        chart.y_axis.max,
        fill(&w("d4.shift"), &[("shift", &shift)]),
    );
    Panel {
        desc: s.desc(&w("d4.desc"), &[("shift", &shift)]),
        chart: FigureChart::Line(chart.with_marks(marks)),
        size: LINE_SIZE,
    }
}

/// D.5: GaussFun has moved so far from x = z that q(x = z | z) is 0.
///
/// Words: `d5.title` ({alpha}, {beta}, {z}), `d4.q_x`, `d4.gauss_fun`,
/// `d4.posterior` ({z}), `d5.shift` ({shift}, {ratio}), `d5.value` ({z},
/// {value}), `d5.desc` ({alpha}, {beta}, {z}, {centre}, {ratio}, {value}).
pub fn d5_panel<'a>(v: &DeviationView<'a>, w: Words<'_>) -> Panel<'a> {
    let s = Strings::of(v);
    let title = fill(
        &w("d5.title"),
        &[("alpha", &s.alpha), ("beta", &s.beta), ("z", &s.z)],
    );
    let chart = deviation_chart(v, title, &s, deviation_y_max(std::slice::from_ref(v)), w);
    let y_max = chart.y_axis.max;
    let ratio = if v.sigma > 0.0 {
        short(v.deviation / v.sigma, 1)
    } else {
        "∞".into()
    };
    let shift = num(v.deviation, 2);
    let mut marks = deviation_marks(
        v,
        y_max,
        fill(&w("d5.shift"), &[("shift", &shift), ("ratio", &ratio)]),
    );
    let value = if v.value_at_z == 0.0 {
        "0".to_string()
    } else {
        format!("{:.1e}", v.value_at_z)
    };
    let orange = Ink::Plot(PlotColor::Orange);
    marks.push(Mark::Dot {
        x: v.z,
        y: v.value_at_z,
        ink: orange,
    });
    let (lo, hi) = extent(v.x, (0.0, 1.0));
    let text = fill(&w("d5.value"), &[("z", &s.z), ("value", &value)]);
    let label = Mark::label(v.z - (hi - lo) * 0.015, y_max * 0.3, text, orange);
    marks.push(label.aligned(HAlign::Right));
    Panel {
        desc: s.desc(&w("d5.desc"), &[("ratio", &ratio), ("value", &value)]),
        chart: FigureChart::Line(chart.with_marks(marks)),
        size: D5_SIZE,
    }
}

/// A panel's parameters as its words print them.
struct Strings {
    alpha: String,
    beta: String,
    z: String,
    centre: String,
}

impl Strings {
    fn of(v: &DeviationView<'_>) -> Self {
        Strings {
            alpha: short(v.alpha, 3),
            beta: short(v.beta, 4),
            z: short(v.z, 2),
            centre: num(v.centre, 2),
        }
    }

    /// `template` filled with alpha, beta, z, the centre and `more`.
    fn desc(&self, template: &str, more: &[(&str, &str)]) -> String {
        let mut values = vec![
            ("alpha", self.alpha.as_str()),
            ("beta", &self.beta),
            ("z", &self.z),
            ("centre", &self.centre),
        ];
        values.extend_from_slice(more);
        fill(template, &values)
    }
}

/// GaussFun green dashed, q(x) blue dashed, q(x|z) orange, legend upper
/// left, x ticks every 1 (every 2 over a long grid).
fn deviation_chart<'a>(
    v: &DeviationView<'a>,
    title: String,
    s: &Strings,
    y_max: f64,
    w: Words<'_>,
) -> LineChart<'a> {
    let (lo, hi) = extent(v.x, (0.0, 1.0));
    let mut chart = LineChart::new(title, v.x);
    let (major, minor) = if hi - lo > 10.0 {
        (2.0, 1.0)
    } else {
        (1.0, 0.25)
    };
    chart.x_axis = Axis::new(lo, hi)
        .with_major(Ticks::Every(major))
        .with_minor(Some(minor));
    chart.y_axis = Axis::pdf_y(y_max);
    chart.legend = Corner::UpperLeft;
    let posterior_label = fill(&w("d4.posterior"), &[("z", &s.z)]);
    chart
        .with_series(
            Series::new(v.gauss_fun, PlotColor::Green)
                .dashed()
                .labelled(w("d4.gauss_fun")),
        )
        .with_series(
            Series::new(v.q_x, PlotColor::Blue)
                .dashed()
                .labelled(w("d4.q_x")),
        )
        .with_series(Series::new(v.posterior, PlotColor::Orange).labelled(posterior_label))
}

/// A grey dashed line at x = z and, if GaussFun's centre moved, a green
/// bracket from z to it labelled `shift`.
fn deviation_marks(v: &DeviationView<'_>, y_max: f64, shift: String) -> Vec<Mark> {
    let mut marks = vec![Mark::Line(VLine {
        x: v.z,
        color: PlotColor::Gray,
        style: LineStyle::Dashed,
    })];
    if (v.centre - v.z).abs() > 1e-9 {
        let span = (v.z.min(v.centre), v.z.max(v.centre));
        marks.push(Mark::bracket(
            span,
            y_max * 0.8,
            shift,
            Ink::Plot(PlotColor::Green),
        ));
    }
    marks
}
