//! Figure C.2: `log2 q(x|z)` for two alphas, and the log2 heat map with its
//! colour bar that D.1-D.3 draw too.

use super::heat::ColorBar;
use super::words::{fill, num, short, superscript, Words};
use super::{FigureChart, Panel, HEAT_SIZE};
use crate::heatmap::{Heatmap, Orientation, ValueRange};
use crate::layout::{Axis, Ticks};
use crate::marks::{HAlign, Ink, Mark};

/// One panel of C.2: `log2 q(x|z)` for `alpha` with the share of elements
/// above `2^floor` in its corner.
///
/// Words: `c2.title` ({tag}, {alpha}), `c2.nonzero` ({pct}, {floor}),
/// `c2.colorbar`, `fig.z`, `fig.x`, `c2.desc` ({alpha}, {pct}, {count},
/// {total}, {floor}); `{floor}` is the threshold itself, e.g. `2⁻²⁰`.
#[allow(clippy::too_many_arguments)]
pub fn c2_panel<'a>(
    tag: &str,
    alpha: f64,
    log2: &'a [f64],
    n: usize,
    extent: (f64, f64),
    floor: f64,
    nonzero: usize,
    w: Words<'_>,
) -> Panel<'a> {
    let alpha_s = short(alpha, 3);
    let total = log2.len().max(1);
    let pct = num(100.0 * nonzero as f64 / total as f64, 1);
    let floor_s = format!("2{}", superscript(&short(floor, 0)));
    let title = fill(&w("c2.title"), &[("tag", tag), ("alpha", &alpha_s)]);
    let pad = (extent.1 - extent.0) * 0.03;
    let label = fill(&w("c2.nonzero"), &[("pct", &pct), ("floor", &floor_s)]);
    let corner = Mark::label(extent.0 + pad, extent.1 - pad * 1.6, label, Ink::Dark);
    let map = log2_map(title, log2, n, extent, floor, w).with_marks([corner.aligned(HAlign::Left)]);
    Panel {
        desc: fill(
            &w("c2.desc"),
            &[
                ("alpha", &alpha_s),
                ("pct", &pct),
                ("count", &nonzero.to_string()),
                ("total", &total.to_string()),
                ("floor", &floor_s),
            ],
        ),
        chart: with_colorbar(map, w("c2.colorbar")),
        size: HEAT_SIZE,
    }
}

/// `log2 q(x|z)` (engine layout, rows on x) drawn z across, x up over
/// `extent` on both axes, coloured from `floor` to the next integer above
/// its largest value.
pub(super) fn log2_map<'a>(
    title: String,
    log2: &'a [f64],
    n: usize,
    extent: (f64, f64),
    floor: f64,
    w: Words<'_>,
) -> Heatmap<'a> {
    let top = log2
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(floor + 1.0, f64::max)
        .ceil();
    Heatmap::new(title, log2, n, n, Orientation::RowsAlongY)
        .with_values(ValueRange::Fixed {
            min: floor,
            max: top,
        })
        .with_axes(
            extent_axis(extent, &w("fig.z")),
            extent_axis(extent, &w("fig.x")),
        )
}

/// `map` with a colour bar over its value range, labelled `label`.
pub(super) fn with_colorbar(map: Heatmap<'_>, label: String) -> FigureChart<'_> {
    let (min, max) = map.values.resolve(map.matrix);
    FigureChart::Heat {
        map,
        colorbar: Some(ColorBar { min, max, label }),
    }
}

/// An axis over `extent` with a tick every 1 and a label.
fn extent_axis(extent: (f64, f64), label: &str) -> Axis {
    Axis::new(extent.0, extent.1)
        .with_major(Ticks::Every(1.0))
        .with_label_if_any(label)
}
