//! A chart's frame: where the plot area falls, the grid under the data, and
//! over it the spines, ticks, tick and axis labels, title and marks.

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};

use super::{line, text, Area, Mapping, TextSpec};
use crate::layout::{self, text_width, Furniture, Layout};
use crate::marks::{draw_marks, Mark, VLine};
use crate::style::{Metrics, RenderOptions};
use crate::ChartError;

/// One chart's geometry on its area: the sizes, the layout, data to pixels.
pub(crate) struct Frame {
    pub m: Metrics,
    pub layout: Layout,
    pub map: Mapping,
}

impl Frame {
    /// The frame of a chart with `furniture` on an area of `size` pixels.
    pub fn new(size: (u32, u32), furniture: &Furniture<'_>, opts: &RenderOptions) -> Self {
        let m = Metrics::new(opts, size);
        let layout = layout::layout((0, 0), size, furniture, &m);
        let map = Mapping::new(layout.plot, furniture.x_axis, furniture.y_axis);
        Frame { m, layout, map }
    }

    /// What goes over the data: the marker line, the frame itself (spines,
    /// ticks, labels, title), then `marks` in order.
    pub fn overlay<'k, DB: DrawingBackend>(
        &self,
        area: &Area<DB>,
        furniture: &Furniture<'_>,
        marker: Option<&VLine>,
        marks: impl IntoIterator<Item = &'k Mark>,
    ) -> Result<(), ChartError> {
        if let Some(marker) = marker {
            super::draw_vline(area, &self.map, marker, &self.m)?;
        }
        draw_frame(area, self, furniture)?;
        draw_marks(area, &self.map, marks, &self.m)
    }
}

/// Light grid lines at the major ticks, drawn under the data.
pub(crate) fn draw_grid<DB: DrawingBackend>(
    area: &Area<DB>,
    frame: &Frame,
) -> Result<(), ChartError> {
    let Frame { m, layout, map } = frame;
    let (x0, y0, x1, y1) = map.bounds();
    for (v, _) in &layout.x_ticks {
        let x = map.x(*v);
        line(area, (x, y0), (x, y1), m.palette.grid(), m.grid_width)?;
    }
    for (v, _) in &layout.y_ticks {
        let y = map.y(*v);
        line(area, (x0, y), (x1, y), m.palette.grid(), m.grid_width)?;
    }
    Ok(())
}

/// Spines, outward ticks, tick labels, axis labels and the title.
fn draw_frame<DB: DrawingBackend>(
    area: &Area<DB>,
    frame: &Frame,
    furn: &Furniture<'_>,
) -> Result<(), ChartError> {
    let Frame { m, layout, map } = frame;
    let (x0, y0, x1, y1) = map.bounds();
    let w = m.axis_width;
    let spine = m.palette.spine();
    line(area, (x0, y0), (x1, y0), spine, w)?;
    line(area, (x0, y1), (x1, y1), spine, w)?;
    line(area, (x0, y0), (x0, y1), spine, w)?;
    line(area, (x1, y0), (x1, y1), spine, w)?;

    let label = |h, v| TextSpec::new(m.font, h, v);
    for (v, s) in &layout.x_ticks {
        let x = map.x(*v);
        line(area, (x, y1), (x, y1 + m.major_tick), spine, w)?;
        let at = (x, y1 + m.major_tick + m.gap * 0.75);
        text(area, s, at, &label(HPos::Center, VPos::Top), m)?;
    }
    for v in furn.x_axis.minor_ticks(&layout.x_ticks) {
        let x = map.x(v);
        line(area, (x, y1), (x, y1 + m.minor_tick), spine, w)?;
    }
    let mut widest_y_label: f64 = 0.0;
    for (v, s) in &layout.y_ticks {
        let y = map.y(*v);
        line(area, (x0 - m.major_tick, y), (x0, y), spine, w)?;
        let at = (x0 - m.major_tick - m.gap, y);
        text(area, s, at, &label(HPos::Right, VPos::Center), m)?;
        widest_y_label = widest_y_label.max(text_width(s, m.font));
    }
    for v in furn.y_axis.minor_ticks(&layout.y_ticks) {
        let y = map.y(v);
        line(area, (x0 - m.minor_tick, y), (x0, y), spine, w)?;
    }
    draw_axis_labels(area, frame, furn, widest_y_label)?;
    if !furn.title.is_empty() {
        let spec = TextSpec::new(m.title_font, HPos::Center, VPos::Bottom);
        text(area, furn.title, ((x0 + x1) / 2.0, y0 - m.gap), &spec, m)?;
    }
    Ok(())
}

/// The x label under the tick labels, the y label beside them (read bottom
/// to top).
fn draw_axis_labels<DB: DrawingBackend>(
    area: &Area<DB>,
    frame: &Frame,
    furn: &Furniture<'_>,
    widest_y_label: f64,
) -> Result<(), ChartError> {
    let Frame { m, layout, map } = frame;
    let (x0, y0, x1, y1) = map.bounds();
    if let Some(s) = &furn.x_axis.label {
        let below_ticks = if layout.x_ticks.is_empty() {
            0.0
        } else {
            m.major_tick + m.gap * 0.75 + m.font * 1.25
        };
        let at = ((x0 + x1) / 2.0, y1 + below_ticks + m.gap);
        let spec = TextSpec::new(m.label_font, HPos::Center, VPos::Top);
        text(area, s, at, &spec, m)?;
    }
    if let Some(s) = &furn.y_axis.label {
        let beside_ticks = if layout.y_ticks.is_empty() {
            0.0
        } else {
            m.major_tick + m.gap + widest_y_label
        };
        let at = (
            x0 - beside_ticks - m.gap - m.label_font * 0.625,
            (y0 + y1) / 2.0,
        );
        let spec = TextSpec {
            rotated: true,
            ..TextSpec::new(m.label_font, HPos::Center, VPos::Center)
        };
        text(area, s, at, &spec, m)?;
    }
    Ok(())
}
