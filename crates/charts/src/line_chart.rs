//! Line charts: several curves over one x grid, matplotlib style.

use plotters::prelude::DrawingBackend;

use crate::draw::{self, absolute, Area, Frame, LegendEntry};
use crate::layout::{Axis, Furniture, PlotRect};
use crate::marks::{draw_marks, Annotation, Corner, Mark, VLine};
use crate::style::{LineStyle, PlotColor, RenderOptions};
use crate::ChartError;

/// One curve: y values over the chart's x grid.
#[derive(Clone, Debug, PartialEq)]
pub struct Series<'a> {
    /// One value per x; a non-finite value leaves a gap.
    pub y: &'a [f64],
    /// Its colour.
    pub color: PlotColor,
    /// Solid or dashed.
    pub style: LineStyle,
    /// Its legend text, already translated; `None` keeps it out of the legend.
    pub label: Option<String>,
}

impl<'a> Series<'a> {
    /// A solid, unlabelled curve.
    pub fn new(y: &'a [f64], color: PlotColor) -> Self {
        Series {
            y,
            color,
            style: LineStyle::Solid,
            label: None,
        }
    }

    /// The same curve, dashed.
    pub fn dashed(mut self) -> Self {
        self.style = LineStyle::Dashed;
        self
    }

    /// The same curve with a legend label.
    pub fn labelled(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
}

/// A line chart, language-neutral: every string in it is supplied by the
/// caller already translated.
#[derive(Clone, Debug, PartialEq)]
pub struct LineChart<'a> {
    /// Drawn centred above the plot; empty for none.
    pub title: String,
    /// The x grid shared by all series (the engine's 461 points).
    pub x: &'a [f64],
    /// Curves, drawn in order (later ones on top).
    pub series: Vec<Series<'a>>,
    /// x range and ticks; [`Axis::pdf_x`] by default.
    pub x_axis: Axis,
    /// y range and ticks; 0..3.2 by default. The range is fixed: curves are
    /// clipped to it rather than rescaling the axis while a slider moves.
    pub y_axis: Axis,
    /// Where the legend goes (shown only if some series has a label).
    pub legend: Corner,
    /// Text in the corners of the plot.
    pub annotations: Vec<Annotation>,
    /// An optional vertical marker line.
    pub marker: Option<VLine>,
    /// Marks in data coordinates (a figure's shaded support, brackets,
    /// labels): bands under the grid and curves, the rest over the frame.
    pub marks: Vec<Mark>,
}

impl<'a> LineChart<'a> {
    /// An empty pdf chart over `x`: x axis -2.3..2.3, y axis 0..3.2.
    pub fn new(title: impl Into<String>, x: &'a [f64]) -> Self {
        LineChart {
            title: title.into(),
            x,
            series: Vec::new(),
            x_axis: Axis::pdf_x(),
            y_axis: Axis::pdf_y(3.2),
            legend: Corner::UpperRight,
            annotations: Vec::new(),
            marker: None,
            marks: Vec::new(),
        }
    }

    /// Adds a curve.
    pub fn with_series(mut self, series: Series<'a>) -> Self {
        self.series.push(series);
        self
    }

    /// Sets the top of the y axis (the bottom stays 0).
    pub fn with_y_max(mut self, y_max: f64) -> Self {
        self.y_axis.max = y_max;
        self
    }

    /// Adds a corner annotation.
    pub fn with_annotation(mut self, annotation: Annotation) -> Self {
        self.annotations.push(annotation);
        self
    }

    /// Sets the vertical marker line.
    pub fn with_marker(mut self, marker: VLine) -> Self {
        self.marker = Some(marker);
        self
    }

    /// Adds marks.
    pub fn with_marks(mut self, marks: impl IntoIterator<Item = Mark>) -> Self {
        self.marks.extend(marks);
        self
    }

    fn validate(&self) -> Result<(), ChartError> {
        if !self.x_axis.is_valid() || !self.y_axis.is_valid() {
            return Err(ChartError::Spec(format!(
                "axis ranges must be finite and increasing: x {}..{}, y {}..{}",
                self.x_axis.min, self.x_axis.max, self.y_axis.min, self.y_axis.max
            )));
        }
        for (i, s) in self.series.iter().enumerate() {
            if s.y.len() != self.x.len() {
                return Err(ChartError::Spec(format!(
                    "series {i} has {} values for {} x points",
                    s.y.len(),
                    self.x.len()
                )));
            }
        }
        Ok(())
    }

    fn furniture(&self) -> Furniture<'_> {
        Furniture {
            title: &self.title,
            x_axis: &self.x_axis,
            y_axis: &self.y_axis,
            square: false,
        }
    }

    /// Where the plot area would fall on a backend of `size` pixels, without
    /// drawing (absolute pixels, as [`draw_line_chart`] returns them).
    pub fn plot_rect(&self, size: (u32, u32), opts: &RenderOptions) -> PlotRect {
        Frame::new(size, &self.furniture(), opts).layout.plot
    }

    fn legend_entries(&self) -> Vec<LegendEntry<'_>> {
        self.series
            .iter()
            .filter_map(|s| {
                s.label.as_deref().map(|label| LegendEntry {
                    label,
                    color: s.color,
                    style: s.style,
                })
            })
            .collect()
    }
}

/// Draws `chart` filling `area` (any size; a canvas, an SVG, a sub-area).
/// Returns the plot rectangle in absolute backend pixels.
pub fn draw_line_chart<DB: DrawingBackend>(
    area: &Area<DB>,
    chart: &LineChart<'_>,
    opts: &RenderOptions,
) -> Result<PlotRect, ChartError> {
    chart.validate()?;
    let furniture = chart.furniture();
    let frame = Frame::new(area.dim_in_pixel(), &furniture, opts);
    let (map, m) = (&frame.map, &frame.m);

    draw::fill_background(area, m)?;
    draw_marks(area, map, chart.marks.iter().filter(|k| k.is_band()), m)?;
    draw::draw_grid(area, &frame)?;
    for s in &chart.series {
        let runs = draw::visible_runs(map, chart.x, s.y);
        draw::stroke_runs(area, runs, s.color, s.style, m)?;
    }
    let over = chart.marks.iter().filter(|k| !k.is_band());
    frame.overlay(area, &furniture, chart.marker.as_ref(), over)?;
    let entries = chart.legend_entries();
    draw::draw_legend_and_annotations(area, map, &entries, chart.legend, &chart.annotations, m)?;
    Ok(absolute(area, frame.layout.plot))
}
