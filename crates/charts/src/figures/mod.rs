//! The article's computed figures (Appendix C: C.1, C.2; Appendix D:
//! D.1-D.5): the line charts and heat maps of the demos plus what a figure
//! adds: marks in data coordinates (shaded bands, region outlines and
//! labels, brackets, dots; [`Mark`], an option of both charts), a colour bar
//! for log scales, and small tables drawn with plotters primitives (C.1).
//!
//! As everywhere in this crate: no mathematics and no translations. The
//! builders (one file per figure: `c1`, `c2`, `support` for D.1-D.3,
//! `deviation` for D.4 and D.5) lay out arrays the engine computed
//! (`dpm_engine::figures`) with strings the caller translated (`words`);
//! [`draw_figure_chart`] draws any [`FigureChart`] on any plotters backend,
//! and `figure_chart_svg` (feature `svg`) makes an SVG document whose
//! heat-map cells are one small indexed PNG at the matrix's own resolution,
//! so an inline figure stays light.
//!
//! The builders take the engine's numbers as plain views, so this crate does
//! not depend on the engine. The same builders serve the article (SVG at
//! build time), the page (canvas redraws) and `dpm figure`, so the three
//! agree.

mod c1;
mod c2;
mod deviation;
mod heat;
mod support;
#[cfg(feature = "svg")]
mod svg;
mod table;
mod words;

pub use crate::marks::{HAlign, Ink, Mark};
pub use c1::{c1_panels, L1View};
pub use c2::c2_panel;
pub use deviation::{d4_panel, d5_panel, deviation_y_max, DeviationView};
pub use heat::ColorBar;
pub use support::{support_panels, SupportView};
#[cfg(feature = "svg")]
pub use svg::{cells_png, figure_chart_svg};
pub use table::{TableCell, TableChart, TableRow};
pub use words::{fill, num, short, superscript, Words};

use plotters::prelude::DrawingBackend;

use crate::draw::Area;
use crate::heatmap::Heatmap;
use crate::layout::PlotRect;
use crate::line_chart::{draw_line_chart, LineChart};
use crate::style::RenderOptions;
use crate::ChartError;

/// One panel of a figure.
#[derive(Clone, Debug, PartialEq)]
pub enum FigureChart<'a> {
    /// A line chart; its marks are the chart's own ([`LineChart::marks`]).
    Line(LineChart<'a>),
    /// A heat map (marks in [`Heatmap::marks`]) with an optional colour bar
    /// at its right.
    Heat {
        map: Heatmap<'a>,
        colorbar: Option<ColorBar>,
    },
    /// A table.
    Table(TableChart),
}

impl FigureChart<'_> {
    /// The panel's title (for an accessible name).
    pub fn title(&self) -> &str {
        match self {
            FigureChart::Line(chart) => &chart.title,
            FigureChart::Heat { map, .. } => &map.title,
            FigureChart::Table(t) => &t.title,
        }
    }
}

/// Draws `chart` filling `area`. For a heat map, `put_cells` puts the cells
/// into the plot rectangle it is given (absolute backend pixels), as for
/// [`draw_heatmap_with`](crate::draw_heatmap_with); the other panels never
/// call it.
pub fn draw_figure_chart<DB: DrawingBackend>(
    area: &Area<DB>,
    chart: &FigureChart<'_>,
    opts: &RenderOptions,
    put_cells: impl FnOnce(PlotRect) -> Result<(), ChartError>,
) -> Result<(), ChartError> {
    match chart {
        FigureChart::Line(chart) => draw_line_chart(area, chart, opts).map(drop),
        FigureChart::Heat { map, colorbar } => {
            heat::draw_heat(area, map, colorbar.as_ref(), opts, put_cells)
        }
        FigureChart::Table(t) => table::draw_table(area, t, opts),
    }
}

/// One panel of a figure: its chart, the size it is laid out for (CSS
/// pixels at scale 1; it scales as a whole) and a text alternative.
#[derive(Clone, Debug, PartialEq)]
pub struct Panel<'a> {
    pub chart: FigureChart<'a>,
    pub size: (u32, u32),
    /// What the panel shows, with its numbers, for screen readers.
    pub desc: String,
}

/// Size of a line-chart panel.
pub const LINE_SIZE: (u32, u32) = (400, 300);
/// Size of a heat-map panel (square plot and colour bar).
pub const HEAT_SIZE: (u32, u32) = (400, 360);
/// Size of D.5's single panel.
pub const D5_SIZE: (u32, u32) = (520, 320);
/// Size of C.1's terms table.
pub const TERMS_SIZE: (u32, u32) = (620, 290);
/// Size of C.1's transition-and-inputs table.
pub const INPUTS_SIZE: (u32, u32) = (400, 290);

/// The first and last of the grid `x`, or `empty` if it has none.
fn extent(x: &[f64], empty: (f64, f64)) -> (f64, f64) {
    (
        x.first().copied().unwrap_or(empty.0),
        x.last().copied().unwrap_or(empty.1),
    )
}
