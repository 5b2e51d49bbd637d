//! Figures D.1-D.3: the support of q(x) and the communicate classes: (a)
//! q(x) and GaussFun, (b) `log2 q(x|z)` with its regions, (c) `log2` of the
//! power matrix.

use super::c2::{log2_map, with_colorbar};
use super::words::{fill, short, Words};
use super::{extent, FigureChart, Panel, HEAT_SIZE, LINE_SIZE};
use crate::layout::{text_width, Axis, Ticks};
use crate::line_chart::{LineChart, Series};
use crate::marks::{Ink, Mark};
use crate::style::PlotColor;

/// The numbers of one of D.1-D.3 (`dpm_engine::figures::SupportComponents`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SupportView<'a> {
    /// The grid (x and z).
    pub x: &'a [f64],
    pub q_x: &'a [f64],
    /// GaussFun at a few conditions: `(z, g(x))`.
    pub probes: &'a [(f64, Vec<f64>)],
    pub support: &'a [(f64, f64)],
    pub gaps: &'a [f64],
    pub extension: &'a [(f64, f64)],
    pub beta: f64,
    pub sigma: f64,
    /// `log2 q(x|z)` and of the power matrix, floored at `floor`.
    pub log2_posterior: &'a [f64],
    pub log2_power: &'a [f64],
    pub floor: f64,
    pub power: u64,
    /// Communicate classes the power matrix converged to.
    pub classes: usize,
}

/// Approximate plot width of a heat-map panel at scale 1 (to decide whether
/// a label fits across a region or turns vertical).
const HEAT_PLOT_PX: f64 = 270.0;
const LABEL_FONT_PX: f64 = 11.0;

const ORANGE: Ink = Ink::Plot(PlotColor::Orange);

/// D.1-D.3 (a) q(x) and GaussFun, (b) `log2 q(x|z)` with its regions,
/// (c) `log2` of the power matrix.
///
/// Words: `d.pdf_title` ({beta}), `d.post_title`, `d.power_title` ({n}),
/// `d.q_x`, `d.gauss_fun`, `d.support`, `d.reach`, `d.gap` ({gap},
/// {ratio}), `d.inaccessible`, `d.extension`, `d.unidirectional`,
/// `d.support_columns`, `d.extension_columns`, `d.colorbar`, `fig.z`,
/// `fig.x`, `d.desc_pdf` ({components}, {gaps}, {sigma}), `d.desc_post`,
/// `d.desc_power` ({n}, {classes}).
pub fn support_panels<'a>(v: &SupportView<'a>, w: Words<'_>) -> Vec<Panel<'a>> {
    let r = Regions::new(v);
    vec![pdf_panel(v, w), r.posterior_panel(w), r.power_panel(w)]
}

/// (a) q(x), its shaded support, GaussFun at the probes with their reach.
fn pdf_panel<'a>(v: &SupportView<'a>, w: Words<'_>) -> Panel<'a> {
    let (lo, hi) = extent(v.x, (-1.0, 1.0));
    let peak = v
        .probes
        .iter()
        .flat_map(|(_, g)| g.iter())
        .chain(v.q_x)
        .copied()
        .fold(0.0f64, f64::max);
    let y_max = ((peak * 1.6) * 2.0).ceil() / 2.0;
    let mut chart = LineChart::new(fill(&w("d.pdf_title"), &[("beta", &short(v.beta, 4))]), v.x);
    chart.x_axis = Axis::new(lo, hi)
        .with_major(Ticks::Every(1.0))
        .with_minor(Some(0.25));
    chart.y_axis = Axis::pdf_y(y_max.max(0.5));
    chart = chart.with_series(Series::new(v.q_x, PlotColor::Blue).labelled(w("d.q_x")));
    for (k, (_, g)) in v.probes.iter().enumerate() {
        let s = Series::new(g, PlotColor::Green).dashed();
        chart = chart.with_series(if k == 0 {
            s.labelled(w("d.gauss_fun"))
        } else {
            s
        });
    }
    let marks = pdf_marks(v, chart.y_axis.max, w);
    Panel {
        chart: FigureChart::Line(chart.with_marks(marks)),
        size: LINE_SIZE,
        desc: pdf_desc(v, w),
    }
}

/// The support shaded and named, GaussFun's reach (3 sigma each side) above
/// each probe, the gaps between components.
fn pdf_marks(v: &SupportView<'_>, y_top: f64, w: Words<'_>) -> Vec<Mark> {
    let blue = Ink::Plot(PlotColor::Blue);
    let mut marks: Vec<Mark> = v
        .support
        .iter()
        .map(|&x| Mark::Band {
            x,
            ink: blue,
            opacity: 0.09,
        })
        .collect();
    if let Some((a, b)) = widest(v.support) {
        marks.push(Mark::label(
            (a + b) / 2.0,
            y_top * 0.07,
            w("d.support"),
            blue,
        ));
    }
    let mut level = 0;
    for (k, (z, _)) in v.probes.iter().enumerate() {
        // Brackets above GaussFun's peak; a second row where two would touch.
        let touches = k > 0 && (z - v.probes[k - 1].0).abs() < 6.0 * v.sigma;
        level = if touches { 1 - level } else { 0 };
        let y = y_top * if level == 0 { 0.68 } else { 0.8 };
        let reach = (z - 3.0 * v.sigma, z + 3.0 * v.sigma);
        marks.push(Mark::bracket(
            reach,
            y,
            w("d.reach"),
            Ink::Plot(PlotColor::Green),
        ));
    }
    for (pair, gap) in v.support.windows(2).zip(v.gaps) {
        let text = fill(
            &w("d.gap"),
            &[
                ("gap", &short(*gap, 2)),
                ("ratio", &short(gap / v.sigma, 1)),
            ],
        );
        marks.push(Mark::bracket(
            (pair[0].1, pair[1].0),
            y_top * 0.92,
            text,
            Ink::Dark,
        ));
    }
    marks
}

fn pdf_desc(v: &SupportView<'_>, w: Words<'_>) -> String {
    let components = v
        .support
        .iter()
        .map(|(a, b)| format!("[{}, {}]", short(*a, 2), short(*b, 2)))
        .collect::<Vec<_>>()
        .join(", ");
    let gaps = v
        .gaps
        .iter()
        .map(|g| format!("{} ({}σ)", short(*g, 2), short(g / v.sigma, 1)))
        .collect::<Vec<_>>()
        .join(", ");
    fill(
        &w("d.desc_pdf"),
        &[
            ("components", &components),
            ("gaps", if gaps.is_empty() { "–" } else { &gaps }),
            ("sigma", &short(v.sigma, 3)),
        ],
    )
}

/// The regions of the heat maps (b) and (c): the support's blocks, the
/// extension columns beside them, and where their labels fit.
struct Regions<'v, 'a> {
    v: &'v SupportView<'a>,
    extent: (f64, f64),
    span: f64,
    /// Pixels per data unit across a heat-map panel.
    unit: f64,
    /// From the first component's start to the last one's end.
    hull: (f64, f64),
    /// Where the brackets under the blocks go.
    bracket_y: f64,
    /// How close an extension must come to a component to feed it.
    tol: f64,
}

impl<'v, 'a> Regions<'v, 'a> {
    fn new(v: &'v SupportView<'a>) -> Self {
        let extent = extent(v.x, (-1.0, 1.0));
        let span = extent.1 - extent.0;
        let step = if v.x.len() > 1 { v.x[1] - v.x[0] } else { 0.0 };
        Regions {
            v,
            extent,
            span,
            unit: HEAT_PLOT_PX / span,
            hull: hull(v.support),
            bracket_y: extent.0 + span * 0.045,
            tol: 1.5 * step.abs(),
        }
    }

    /// Whether extension `e` lies next to component `s`.
    fn next_to(&self, e: (f64, f64), s: (f64, f64)) -> bool {
        let tol = self.tol;
        (s.0 - e.1 >= -tol && s.0 - e.1 <= tol) || (e.0 - s.1 >= -tol && e.0 - s.1 <= tol)
    }

    /// The height of a label inside extension `e`: level with the component
    /// it feeds (not in a gap between components).
    fn beside(&self, e: (f64, f64)) -> f64 {
        let (lo, hi) = self.hull;
        self.v
            .support
            .iter()
            .find(|s| self.next_to(e, **s))
            .map_or((lo + hi) / 2.0, |s| (s.0 + s.1) / 2.0)
    }

    /// Whether `text` fits across the columns `a..b` of a heat-map panel.
    fn fits(&self, text: &str, (a, b): (f64, f64)) -> bool {
        text_width(text, LABEL_FONT_PX) + LABEL_FONT_PX * 0.8 <= (b - a) * self.unit
    }

    /// A label centred in extension block `e`, upright if `upright`.
    fn extension_label(&self, e: (f64, f64), text: String, upright: bool) -> Mark {
        Mark::label((e.0 + e.1) / 2.0, self.beside(e), text, ORANGE).upright(upright)
    }

    /// A label across the columns `a..b`, low in the plot.
    fn low_label(&self, (a, b): (f64, f64), text: String, ink: Ink) -> Mark {
        Mark::label((a + b) / 2.0, self.extent.0 + self.span * 0.11, text, ink)
    }

    /// Unlabelled brackets under `ranges`.
    fn brackets<'r>(&self, ranges: &'r [(f64, f64)], ink: Ink) -> impl Iterator<Item = Mark> + 'r {
        let y = self.bracket_y;
        ranges
            .iter()
            .map(move |&range| Mark::bracket(range, y, String::new(), ink))
    }

    /// (b) the posterior and its regions.
    fn posterior_panel(&self, w: Words<'_>) -> Panel<'a> {
        let v = self.v;
        let mut marks: Vec<Mark> = v
            .support
            .iter()
            .map(|&s| Mark::dashed_outline(s, s, Ink::White))
            .collect();
        // The unidirectional blocks: extension columns next to a component, its rows.
        for &e in v.extension {
            for &s in v.support.iter().filter(|s| self.next_to(e, **s)) {
                marks.push(Mark::dashed_outline(e, s, ORANGE));
            }
        }
        if let Some((a, b)) = widest(v.support) {
            let mid = (a + b) / 2.0;
            marks.push(Mark::label(mid, mid, w("d.support"), Ink::Dark));
        }
        marks.extend(self.inaccessible_label(w));
        marks.extend(self.brackets(v.extension, ORANGE));
        marks.extend(self.extension_labels(w));
        let map = log2_map(
            w("d.post_title"),
            v.log2_posterior,
            v.x.len(),
            self.extent,
            v.floor,
            w,
        );
        Panel {
            chart: with_colorbar(map.with_marks(marks), w("d.colorbar")),
            size: HEAT_SIZE,
            desc: w("d.desc_post"),
        }
    }

    /// "Inaccessible" in the rows above or below the support, if there is
    /// room: above unless below is clearly roomier (the bottom carries
    /// brackets).
    fn inaccessible_label(&self, w: Words<'_>) -> Option<Mark> {
        let ((lo, hi), extent) = (self.hull, self.extent);
        let (above, below) = (extent.1 - hi, lo - extent.0);
        let room = above.max(below) * self.unit > LABEL_FONT_PX * 1.6;
        let y = if above >= below - 0.1 * self.span {
            (hi + extent.1) / 2.0
        } else {
            (extent.0 + lo) / 2.0
        };
        room.then(|| Mark::label(0.5 * (lo + hi), y, w("d.inaccessible"), Ink::Dark))
    }

    /// "Unidirectional" in the widest extension block (upright if it does
    /// not fit across) and "extension" under it, or upright in the widest
    /// other block if it does not fit across either.
    fn extension_labels(&self, w: Words<'_>) -> Vec<Mark> {
        let Some(e) = widest(self.v.extension) else {
            return Vec::new();
        };
        let text = w("d.unidirectional");
        let upright = !self.fits(&text, e);
        let mut marks = vec![self.extension_label(e, text, upright)];
        let text = w("d.extension");
        if self.fits(&text, e) {
            marks.push(self.low_label(e, text, ORANGE));
        } else {
            let others: Vec<(f64, f64)> = self
                .v
                .extension
                .iter()
                .copied()
                .filter(|o| *o != e)
                .collect();
            if let Some(other) = widest(&others) {
                marks.push(self.extension_label(other, text, true));
            }
        }
        marks
    }

    /// (c) the power matrix, its support and extension columns.
    fn power_panel(&self, w: Words<'_>) -> Panel<'a> {
        let v = self.v;
        let mut marks: Vec<Mark> = self.brackets(v.support, Ink::White).collect();
        marks.extend(self.brackets(v.extension, ORANGE));
        if let Some(s) = widest(v.support) {
            let text = w("d.support_columns");
            if self.fits(&text, s) {
                marks.push(self.low_label(s, text, Ink::Dark));
            }
        }
        if let Some(e) = widest(v.extension) {
            let text = w("d.extension_columns");
            let upright = !self.fits(&text, e);
            marks.push(self.extension_label(e, text, upright));
        }
        let n_s = v.power.to_string();
        let title = fill(&w("d.power_title"), &[("n", &n_s)]);
        let map = log2_map(title, v.log2_power, v.x.len(), self.extent, v.floor, w);
        Panel {
            chart: with_colorbar(map.with_marks(marks), w("d.colorbar")),
            size: HEAT_SIZE,
            desc: fill(
                &w("d.desc_power"),
                &[("n", &n_s), ("classes", &v.classes.to_string())],
            ),
        }
    }
}

/// The widest of `ranges` (the last of equals).
fn widest(ranges: &[(f64, f64)]) -> Option<(f64, f64)> {
    ranges
        .iter()
        .copied()
        .max_by(|p, q| (p.1 - p.0).total_cmp(&(q.1 - q.0)))
}

fn hull(ranges: &[(f64, f64)]) -> (f64, f64) {
    (
        ranges.iter().map(|s| s.0).fold(f64::INFINITY, f64::min),
        ranges.iter().map(|s| s.1).fold(f64::NEG_INFINITY, f64::max),
    )
}
