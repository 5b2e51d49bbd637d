//! The article's computed figures (Appendix C: C.1, C.2; Appendix D:
//! D.1-D.5): the line charts and heat maps of the demos plus what a figure
//! adds, marks in data coordinates (shaded bands, region outlines and
//! labels, brackets, dots), a colour bar for log scales, and small tables
//! drawn with plotters primitives (C.1).
//!
//! As everywhere in this crate: no mathematics and no translations. The
//! builders lay out arrays the engine computed (`dpm_engine::figures`) with
//! strings the caller translated; [`draw_figure_chart`] draws any
//! [`FigureChart`] on any plotters backend, and `figure_chart_svg` (feature
//! `svg`) makes an SVG document whose heat-map cells are one small indexed
//! PNG at the matrix's own resolution, so an inline figure stays light.

use plotters::element::{PathElement, Rectangle};
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontStyle, FontTransform, IntoFont, RGBColor, TextStyle};

use crate::draw::{self, area_error, Area, LegendEntry, Mapping, TextSpec};
use crate::heatmap::{draw_heatmap_with, Heatmap, Orientation, ValueRange};
use crate::layout::{self, text_width, Axis, Furniture, PlotRect, Ticks};
use crate::line_chart::{absolute, LineChart, Series};
use crate::marks::{Corner, VLine};
use crate::style::{furniture, LineStyle, Metrics, PlotColor, RenderOptions};
use crate::viridis::VIRIDIS;
use crate::ChartError;

// ---------------------------------------------------------------------------
// Marks

/// The colour of a mark: a plot colour, or white/dark ink for text and lines
/// over a heat map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ink {
    /// One of the named plot colours.
    Plot(PlotColor),
    /// White (reads on viridis' dark end).
    White,
    /// The ordinary text colour.
    Dark,
}

impl Ink {
    fn rgb(self) -> RGBColor {
        match self {
            Ink::Plot(c) => c.plotters(),
            Ink::White => RGBColor(255, 255, 255),
            Ink::Dark => furniture::TEXT,
        }
    }
}

/// Horizontal placement of a label relative to its point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum HAlign {
    /// The text starts at the point.
    Left,
    /// Centred on the point.
    #[default]
    Center,
    /// The text ends at the point.
    Right,
}

/// Something drawn over (or, for a band, under) a plot, in data coordinates.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    /// Shades `x0..x1` over the plot's whole height, under the curves.
    Band {
        x0: f64,
        x1: f64,
        ink: Ink,
        opacity: f64,
    },
    /// A rectangle outline.
    Outline {
        x0: f64,
        x1: f64,
        y0: f64,
        y1: f64,
        ink: Ink,
        dashed: bool,
    },
    /// Text at `(x, y)` in a translucent white box; `vertical` turns it to
    /// read bottom to top.
    Label {
        x: f64,
        y: f64,
        text: String,
        ink: Ink,
        align: HAlign,
        vertical: bool,
    },
    /// A bracket from `x0` to `x1` at height `y` with `text` above its middle
    /// (a width such as "3σ" or a gap).
    Bracket {
        x0: f64,
        x1: f64,
        y: f64,
        text: String,
        ink: Ink,
    },
    /// A vertical line over the whole plot.
    Line(VLine),
    /// A filled dot.
    Dot { x: f64, y: f64, ink: Ink },
}

impl Mark {
    /// A centred horizontal label.
    pub fn label(x: f64, y: f64, text: impl Into<String>, ink: Ink) -> Self {
        Mark::Label {
            x,
            y,
            text: text.into(),
            ink,
            align: HAlign::Center,
            vertical: false,
        }
    }
}

/// A vertical colour bar beside a heat map: the colour map from `min` to
/// `max` with ticks and a label.
#[derive(Clone, Debug, PartialEq)]
pub struct ColorBar {
    pub min: f64,
    pub max: f64,
    /// Read bottom to top beside the ticks, already translated.
    pub label: String,
}

// ---------------------------------------------------------------------------
// Tables (C.1)

/// One cell of a [`TableChart`].
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TableCell {
    pub text: String,
    /// A light tint of this colour behind the text.
    pub fill: Option<PlotColor>,
    /// Text colour; `None` is the ordinary text colour.
    pub color: Option<PlotColor>,
    pub bold: bool,
    pub align: HAlign,
}

impl TableCell {
    /// A centred cell.
    pub fn new(text: impl Into<String>) -> Self {
        TableCell {
            text: text.into(),
            ..TableCell::default()
        }
    }

    /// In bold.
    pub fn bold(mut self) -> Self {
        self.bold = true;
        self
    }

    /// Tinted with `color` behind, text in `color`.
    pub fn tinted(mut self, color: PlotColor) -> Self {
        self.fill = Some(color);
        self.color = Some(color);
        self
    }

    /// Text in `color`.
    pub fn colored(mut self, color: PlotColor) -> Self {
        self.color = Some(color);
        self
    }

    /// Aligned left or right.
    pub fn aligned(mut self, align: HAlign) -> Self {
        self.align = align;
        self
    }
}

/// One row of a [`TableChart`].
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TableRow {
    pub cells: Vec<TableCell>,
    /// A rule above the row.
    pub rule_above: bool,
}

/// A small table of numbers with a title and a note under it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TableChart {
    pub title: String,
    /// Relative column widths (one per cell of a row).
    pub columns: Vec<f64>,
    pub rows: Vec<TableRow>,
    /// Lines of small text under the table.
    pub notes: Vec<String>,
}

// ---------------------------------------------------------------------------
// A figure panel

/// One panel of a figure.
#[derive(Clone, Debug, PartialEq)]
pub enum FigureChart<'a> {
    /// A line chart with marks.
    Line {
        chart: LineChart<'a>,
        marks: Vec<Mark>,
    },
    /// A heat map with marks and an optional colour bar at its right.
    Heat {
        map: Heatmap<'a>,
        marks: Vec<Mark>,
        colorbar: Option<ColorBar>,
    },
    /// A table.
    Table(TableChart),
}

impl FigureChart<'_> {
    /// The panel's title (for an accessible name).
    pub fn title(&self) -> &str {
        match self {
            FigureChart::Line { chart, .. } => &chart.title,
            FigureChart::Heat { map, .. } => &map.title,
            FigureChart::Table(t) => &t.title,
        }
    }
}

/// Draws `chart` filling `area`. For a heat map, `put_cells` puts the cells
/// into the plot rectangle it is given (absolute backend pixels), as for
/// [`draw_heatmap_with`]; the other panels never call it.
pub fn draw_figure_chart<DB: DrawingBackend>(
    area: &Area<DB>,
    chart: &FigureChart<'_>,
    opts: &RenderOptions,
    put_cells: impl FnOnce(PlotRect) -> Result<(), ChartError>,
) -> Result<(), ChartError> {
    match chart {
        FigureChart::Line { chart, marks } => draw_line(area, chart, marks, opts).map(|_| ()),
        FigureChart::Heat {
            map,
            marks,
            colorbar,
        } => draw_heat(area, map, marks, colorbar.as_ref(), opts, put_cells).map(|_| ()),
        FigureChart::Table(t) => draw_table(area, t, opts),
    }
}

fn px(x: f64, y: f64) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

fn check_line(chart: &LineChart<'_>) -> Result<(), ChartError> {
    let axes_ok = |a: &Axis| a.min.is_finite() && a.max.is_finite() && a.max > a.min;
    if !axes_ok(&chart.x_axis) || !axes_ok(&chart.y_axis) {
        return Err(ChartError::Spec(
            "axis ranges must be finite and increasing".into(),
        ));
    }
    if let Some(s) = chart.series.iter().find(|s| s.y.len() != chart.x.len()) {
        return Err(ChartError::Spec(format!(
            "a series has {} values for {} x points",
            s.y.len(),
            chart.x.len()
        )));
    }
    Ok(())
}

/// A line chart drawn as `draw_line_chart` does, with bands under the grid
/// and curves, and the other marks over them.
fn draw_line<DB: DrawingBackend>(
    area: &Area<DB>,
    chart: &LineChart<'_>,
    marks: &[Mark],
    opts: &RenderOptions,
) -> Result<PlotRect, ChartError> {
    check_line(chart)?;
    let size = area.dim_in_pixel();
    let m = Metrics::new(opts, size);
    let furn = Furniture {
        title: &chart.title,
        x_axis: &chart.x_axis,
        y_axis: &chart.y_axis,
        square: false,
    };
    let lay = layout::layout((0, 0), size, &furn, &m);
    let map = Mapping::new(lay.plot, &chart.x_axis, &chart.y_axis);

    draw::fill_background(area)?;
    for mark in marks.iter().filter(|k| matches!(k, Mark::Band { .. })) {
        draw_mark(area, &map, mark, &m)?;
    }
    draw::draw_grid(area, &map, &lay, &m)?;
    for s in &chart.series {
        let runs = draw::visible_runs(&map, chart.x, s.y);
        draw::stroke_runs(area, runs, s.color, s.style, &m)?;
    }
    if let Some(marker) = &chart.marker {
        draw::draw_vline(area, &map, marker, &m)?;
    }
    draw::draw_frame(
        area,
        &map,
        &lay,
        (&chart.x_axis, &chart.y_axis),
        &chart.title,
        &m,
    )?;
    for mark in marks.iter().filter(|k| !matches!(k, Mark::Band { .. })) {
        draw_mark(area, &map, mark, &m)?;
    }
    let entries: Vec<LegendEntry<'_>> = chart
        .series
        .iter()
        .filter_map(|s| {
            s.label.as_deref().map(|label| LegendEntry {
                label,
                color: s.color,
                style: s.style,
            })
        })
        .collect();
    draw::draw_legend_and_annotations(area, &map, &entries, chart.legend, &chart.annotations, &m)?;
    Ok(absolute(area, lay.plot))
}

/// A heat map (in the left part of `area`), its marks, and its colour bar in
/// a strip at the right.
fn draw_heat<DB: DrawingBackend>(
    area: &Area<DB>,
    map: &Heatmap<'_>,
    marks: &[Mark],
    colorbar: Option<&ColorBar>,
    opts: &RenderOptions,
    put_cells: impl FnOnce(PlotRect) -> Result<(), ChartError>,
) -> Result<PlotRect, ChartError> {
    let (w, h) = area.dim_in_pixel();
    let m = Metrics::new(opts, (w, h));
    let bar_w = match colorbar {
        Some(_) => ((m.font * 6.4).round() as u32).min(w / 3),
        None => 0,
    };
    let (main, side) = area.split_horizontally(w - bar_w);
    if bar_w > 0 {
        draw::fill_background(&side)?;
    }
    let rect = draw_heatmap_with(&main, map, opts, put_cells)?;
    let (bx, by) = main.get_base_pixel();
    let rel = PlotRect {
        x: rect.x - bx,
        y: rect.y - by,
        ..rect
    };
    let mapping = Mapping::new(rel, &map.x_axis, &map.y_axis);
    let mm = Metrics::new(opts, main.dim_in_pixel());
    for mark in marks {
        draw_mark(&main, &mapping, mark, &mm)?;
    }
    if let Some(bar) = colorbar {
        let (_, sy) = side.get_base_pixel();
        draw_colorbar(&side, bar, (rect.y - sy, rect.bottom() - sy), &mm)?;
    }
    Ok(rect)
}

fn draw_colorbar<DB: DrawingBackend>(
    side: &Area<DB>,
    bar: &ColorBar,
    (top, bottom): (i32, i32),
    m: &Metrics,
) -> Result<(), ChartError> {
    if !(bar.min.is_finite() && bar.max.is_finite() && bar.max > bar.min) || bottom <= top {
        return Ok(());
    }
    let x0 = m.gap;
    let x1 = x0 + m.font * 1.1;
    let (t, b) = (f64::from(top), f64::from(bottom));
    const STEPS: usize = 64;
    for k in 0..STEPS {
        let y0 = b - (b - t) * k as f64 / STEPS as f64;
        let y1 = b - (b - t) * (k + 1) as f64 / STEPS as f64;
        let c = VIRIDIS[((k as f64 + 0.5) / STEPS as f64 * 256.0).floor().min(255.0) as usize];
        // Each band overlaps the one below by a pixel: no seams when scaled.
        side.draw(&Rectangle::new(
            [px(x0, y1), px(x1, (y0 + 1.0).min(b))],
            RGBColor(c[0], c[1], c[2]).filled(),
        ))
        .map_err(area_error)?;
    }
    let spine = furniture::SPINE;
    side.draw(&Rectangle::new(
        [px(x0, t), px(x1, b)],
        spine.stroke_width(m.axis_width),
    ))
    .map_err(area_error)?;
    let axis = Axis::new(bar.min, bar.max);
    let ticks = axis.major_ticks(((b - t) / (2.6 * m.font)).floor().clamp(2.0, 8.0) as usize);
    let mut widest: f64 = 0.0;
    for (v, s) in &ticks {
        let y = b - (v - bar.min) / (bar.max - bar.min) * (b - t);
        draw::line(side, (x1, y), (x1 + m.major_tick, y), spine, m.axis_width)?;
        let spec = TextSpec {
            px: m.font,
            h: HPos::Left,
            v: VPos::Center,
            color: furniture::TEXT,
            rotated: false,
        };
        draw::text(side, s, (x1 + m.major_tick + m.gap * 0.5, y), &spec, m)?;
        widest = widest.max(text_width(s, m.font));
    }
    if !bar.label.is_empty() {
        let spec = TextSpec {
            px: m.font,
            h: HPos::Center,
            v: VPos::Center,
            color: furniture::TEXT,
            rotated: true,
        };
        let x = x1 + m.major_tick + m.gap + widest + m.font * 0.8;
        draw::text(side, &bar.label, (x, (t + b) / 2.0), &spec, m)?;
    }
    Ok(())
}

fn text_style(px_size: f64, m: &Metrics, color: RGBColor, bold: bool) -> TextStyle<'static> {
    let font = ("sans-serif", m.font_size(px_size)).into_font();
    let font = if bold {
        font.style(FontStyle::Bold)
    } else {
        font
    };
    let mut style = TextStyle::from(font);
    style.color = color.to_backend_color();
    style
}

fn draw_mark<DB: DrawingBackend>(
    area: &Area<DB>,
    map: &Mapping,
    mark: &Mark,
    m: &Metrics,
) -> Result<(), ChartError> {
    let r = map.rect;
    let (left, top, right, bottom) = (
        f64::from(r.x),
        f64::from(r.y),
        f64::from(r.right()),
        f64::from(r.bottom()),
    );
    let cx = |v: f64| map.x(v).clamp(left, right);
    let cy = |v: f64| map.y(v).clamp(top, bottom);
    match mark {
        Mark::Band {
            x0,
            x1,
            ink,
            opacity,
        } => {
            let (a, b) = (cx(*x0), cx(*x1));
            if b > a {
                area.draw(&Rectangle::new(
                    [px(a, top), px(b, bottom)],
                    ink.rgb().mix(opacity.clamp(0.0, 1.0)).filled(),
                ))
                .map_err(area_error)?;
            }
        }
        Mark::Outline {
            x0,
            x1,
            y0,
            y1,
            ink,
            dashed,
        } => {
            let (a, b, c, d) = (cx(*x0), cx(*x1), cy(*y0), cy(*y1));
            let run = vec![px(a, c), px(b, c), px(b, d), px(a, d), px(a, c)];
            let shape = ink.rgb().stroke_width(m.series_width.max(1));
            if *dashed {
                for dashes in
                    plotters::prelude::DashedLineSeries::new(run, m.dash_on, m.dash_off, shape)
                {
                    area.draw(&dashes).map_err(area_error)?;
                }
            } else {
                area.draw(&PathElement::new(run, shape))
                    .map_err(area_error)?;
            }
        }
        Mark::Label {
            x,
            y,
            text,
            ink,
            align,
            vertical,
        } => {
            if text.is_empty() || !x.is_finite() || !y.is_finite() {
                return Ok(());
            }
            let (at_x, at_y) = (cx(*x), cy(*y));
            let w = text_width(text, m.font);
            let pad = m.font * 0.3;
            let hgt = m.font * 1.25;
            let (bw, bh) = if *vertical { (hgt, w) } else { (w, hgt) };
            let x0 = match (align, vertical) {
                (_, true) | (HAlign::Center, false) => at_x - bw / 2.0,
                (HAlign::Left, false) => at_x,
                (HAlign::Right, false) => at_x - bw,
            };
            let y0 = at_y - bh / 2.0;
            area.draw(&Rectangle::new(
                [
                    px(x0 - pad, y0 - pad * 0.5),
                    px(x0 + bw + pad, y0 + bh + pad * 0.5),
                ],
                furniture::BACKGROUND.mix(0.82).filled(),
            ))
            .map_err(area_error)?;
            let mut style =
                text_style(m.font, m, ink.rgb(), false).pos(Pos::new(HPos::Center, VPos::Center));
            if *vertical {
                style = style.transform(FontTransform::Rotate270);
            }
            area.draw_text(text, &style, px(x0 + bw / 2.0, y0 + bh / 2.0))
                .map_err(area_error)?;
        }
        Mark::Bracket {
            x0,
            x1,
            y,
            text,
            ink,
        } => {
            let (a, b, yy) = (cx(*x0), cx(*x1), cy(*y));
            let tick = m.major_tick * 1.2;
            let col = ink.rgb();
            let width = m.grid_width.max(1) + 1;
            draw::line(area, (a, yy), (b, yy), col, width)?;
            draw::line(area, (a, yy - tick), (a, yy + tick), col, width)?;
            draw::line(area, (b, yy - tick), (b, yy + tick), col, width)?;
            if !text.is_empty() {
                let style =
                    text_style(m.font, m, col, false).pos(Pos::new(HPos::Center, VPos::Bottom));
                area.draw_text(text, &style, px((a + b) / 2.0, yy - tick - m.gap * 0.3))
                    .map_err(area_error)?;
            }
        }
        Mark::Line(v) => draw::draw_vline(area, map, v, m)?,
        Mark::Dot { x, y, ink } => {
            let (a, b) = (map.x(*x), map.y(*y));
            if a >= left - 1.0 && a <= right + 1.0 && b >= top - 1.0 && b <= bottom + 1.0 {
                let radius = (m.font * 0.32).round().max(2.0) as i32;
                area.draw(&plotters::element::Circle::new(
                    px(a, b),
                    radius,
                    ink.rgb().filled(),
                ))
                .map_err(area_error)?;
            }
        }
    }
    Ok(())
}

fn draw_table<DB: DrawingBackend>(
    area: &Area<DB>,
    table: &TableChart,
    opts: &RenderOptions,
) -> Result<(), ChartError> {
    let ncols = table.columns.len();
    if ncols == 0 || table.rows.iter().any(|r| r.cells.len() != ncols) {
        return Err(ChartError::Spec(format!(
            "every table row needs {ncols} cells"
        )));
    }
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (f64::from(w), f64::from(h));
    let m = Metrics::new(opts, (w as u32, h as u32));
    draw::fill_background(area)?;
    let pad = m.pad * 1.5;
    let mut y = m.pad;
    if !table.title.is_empty() {
        let style = text_style(m.title_font, &m, furniture::TEXT, false)
            .pos(Pos::new(HPos::Center, VPos::Top));
        area.draw_text(&table.title, &style, px(w / 2.0, y))
            .map_err(area_error)?;
        y += m.title_font * 1.25 + m.gap * 2.0;
    }
    let note_h = table.notes.len() as f64 * m.font * 1.35;
    let avail = (h - y - note_h - m.pad * 2.0).max(1.0);
    let row_h = (avail / table.rows.len().max(1) as f64).min(m.font * 2.3);
    let cell_font = (row_h / 2.1).min(m.font * 1.08);
    let total: f64 = table
        .columns
        .iter()
        .map(|c| c.max(0.0))
        .sum::<f64>()
        .max(1e-9);
    let inner = w - 2.0 * pad;
    let mut xs = vec![pad];
    for c in &table.columns {
        let last = *xs.last().unwrap_or(&pad);
        xs.push(last + inner * c.max(0.0) / total);
    }
    let rule = furniture::SPINE;
    let light = furniture::LEGEND_EDGE;
    for (r, row) in table.rows.iter().enumerate() {
        let y0 = y + row_h * r as f64;
        let y1 = y0 + row_h;
        if row.rule_above {
            draw::line(area, (pad, y0), (w - pad, y0), rule, m.axis_width)?;
        } else if r > 0 {
            draw::line(area, (pad, y0), (w - pad, y0), light, 1)?;
        }
        for (c, cell) in row.cells.iter().enumerate() {
            let (x0, x1) = (xs[c], xs[c + 1]);
            if let Some(fill) = cell.fill {
                area.draw(&Rectangle::new(
                    [px(x0 + 1.5, y0 + 1.5), px(x1 - 1.5, y1 - 1.5)],
                    fill.plotters().mix(0.13).filled(),
                ))
                .map_err(area_error)?;
            }
            if cell.text.is_empty() {
                continue;
            }
            let color = cell.color.map_or(furniture::TEXT, PlotColor::plotters);
            let (tx, hpos) = match cell.align {
                HAlign::Left => (x0 + m.gap, HPos::Left),
                HAlign::Center => ((x0 + x1) / 2.0, HPos::Center),
                HAlign::Right => (x1 - m.gap, HPos::Right),
            };
            let style =
                text_style(cell_font, &m, color, cell.bold).pos(Pos::new(hpos, VPos::Center));
            area.draw_text(&cell.text, &style, px(tx, (y0 + y1) / 2.0))
                .map_err(area_error)?;
        }
    }
    let bottom = y + row_h * table.rows.len() as f64;
    draw::line(area, (pad, bottom), (w - pad, bottom), rule, m.axis_width)?;
    for (k, note) in table.notes.iter().enumerate() {
        let style = text_style(m.font * 0.95, &m, RGBColor(0x55, 0x5d, 0x66), false)
            .pos(Pos::new(HPos::Left, VPos::Top));
        area.draw_text(
            note,
            &style,
            px(pad, bottom + m.gap * 1.5 + k as f64 * m.font * 1.35),
        )
        .map_err(area_error)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// SVG (feature `svg`)

/// Marks where the cells go until the document can take the `<image>`.
#[cfg(feature = "svg")]
const CELLS_PLACEHOLDER: RGBColor = RGBColor(0x01, 0x02, 0x04);
#[cfg(feature = "svg")]
const CELLS_PLACEHOLDER_FILL: &str = "fill=\"#010204\"";

/// `chart` as a standalone SVG document of `size` pixels. A heat map's cells
/// are one indexed PNG with a pixel per matrix cell, stretched over the plot
/// (a few kilobytes rather than a full-resolution RGBA image).
#[cfg(feature = "svg")]
pub fn figure_chart_svg(
    chart: &FigureChart<'_>,
    size: (u32, u32),
    opts: &RenderOptions,
) -> Result<String, ChartError> {
    use plotters::prelude::{IntoDrawingArea, SVGBackend};
    let mut out = String::new();
    let mut cells: Option<PlotRect> = None;
    {
        let area = SVGBackend::with_string(&mut out, size).into_drawing_area();
        draw_figure_chart(&area, chart, opts, |r: PlotRect| {
            cells = Some(r);
            area.draw(&Rectangle::new(
                [(r.x, r.y), (r.right(), r.bottom())],
                CELLS_PLACEHOLDER.filled(),
            ))
            .map_err(area_error)
        })?;
        area.present().map_err(area_error)?;
    }
    match (chart, cells) {
        (FigureChart::Heat { map, .. }, Some(r)) => {
            use base64::Engine as _;
            let (png, _, _) = cells_png(map)?;
            let image = format!(
                r#"<image x="{}" y="{}" width="{}" height="{}" preserveAspectRatio="none" href="data:image/png;base64,{}"/>"#,
                r.x,
                r.y,
                r.width,
                r.height,
                base64::engine::general_purpose::STANDARD.encode(png)
            );
            let missing = || ChartError::Encode("heat map placeholder not found".into());
            let fill = out.find(CELLS_PLACEHOLDER_FILL).ok_or_else(missing)?;
            let start = out[..fill].rfind("<rect").ok_or_else(missing)?;
            let end = fill + out[fill..].find("/>").ok_or_else(missing)? + 2;
            Ok(format!("{}{}{}", &out[..start], image, &out[end..]))
        }
        _ => Ok(out),
    }
}

/// The heat map's cells as an 8-bit indexed PNG (viridis palette), one pixel
/// per cell, top row first; returns `(bytes, width, height)`.
#[cfg(feature = "svg")]
pub fn cells_png(map: &Heatmap<'_>) -> Result<(Vec<u8>, u32, u32), ChartError> {
    let (rows, cols) = (map.rows, map.cols);
    if rows == 0 || cols == 0 || map.matrix.len() != rows * cols {
        return Err(ChartError::Spec("heat map matrix size".into()));
    }
    let (across, up) = match map.orientation {
        Orientation::RowsAlongY => (cols, rows),
        Orientation::RowsAlongX => (rows, cols),
    };
    let (lo, hi) = map.values.resolve(map.matrix);
    let span = hi - lo;
    let mut indices = Vec::with_capacity(across * up);
    for py in 0..up {
        let u = up - 1 - py;
        for a in 0..across {
            let v = match map.orientation {
                Orientation::RowsAlongY => map.matrix[u * cols + a],
                Orientation::RowsAlongX => map.matrix[a * cols + u],
            };
            let t = if span > 0.0 { (v - lo) / span } else { 0.0 };
            let t = if t.is_nan() { 0.0 } else { t };
            indices.push((t * 256.0).floor().clamp(0.0, 255.0) as u8);
        }
    }
    let palette: Vec<u8> = VIRIDIS.iter().flatten().copied().collect();
    let mut bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut bytes, across as u32, up as u32);
        enc.set_color(png::ColorType::Indexed);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_palette(palette);
        enc.set_compression(png::Compression::Best);
        let mut writer = enc
            .write_header()
            .map_err(|e| ChartError::Encode(e.to_string()))?;
        writer
            .write_image_data(&indices)
            .map_err(|e| ChartError::Encode(e.to_string()))?;
        writer
            .finish()
            .map_err(|e| ChartError::Encode(e.to_string()))?;
    }
    Ok((bytes, across as u32, up as u32))
}

// ---------------------------------------------------------------------------
// Figure builders
//
// One function per figure (or per panel where a page redraws one panel),
// from the engine's numbers (as plain views, so this crate does not depend on
// the engine) and the caller's words. The same builders serve the article
// (SVG at build time), the page (canvas redraws) and `dpm figure`, so the
// three agree.

/// A figure's words: the caller's text for a key such as `"c2.title"`, in
/// its language. Templates may hold `{name}` placeholders the builders fill.
pub type Words<'w> = &'w dyn Fn(&str) -> String;

/// `template` with each `{name}` replaced by its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A number with `decimals` digits and a real minus sign.
pub fn num(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("\u{2212}{s}")
    } else {
        s
    }
}

/// `text` with digits and minus signs as Unicode superscripts (`2⁻²⁰`).
pub fn superscript(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            '9' => '⁹',
            '-' | '\u{2212}' => '⁻',
            c => c,
        })
        .collect()
}

/// A number with up to `decimals` digits, trailing zeros dropped (0.6, 0.0036).
pub fn short(v: f64, decimals: usize) -> String {
    let s = num(v, decimals);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
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

// ---- C.1 ---------------------------------------------------------------------

/// The numbers of C.1 (`dpm_engine::figures::L1Terms`), five states.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct L1View<'a> {
    /// The states' values (x and z).
    pub states: &'a [f64; 5],
    /// `r(x_i | z_j)`.
    pub transition: &'a [[f64; 5]; 5],
    pub p: &'a [f64; 5],
    pub q: &'a [f64; 5],
    pub diff: &'a [f64; 5],
    /// `r(x_i | z_j) (p_j - q_j)`.
    pub terms: &'a [[f64; 5]; 5],
    /// `|sum_j terms[i][j]|`.
    pub out_terms: &'a [f64; 5],
    /// `sum_j |terms[i][j]|`.
    pub bound_terms: &'a [f64; 5],
    pub signs_agree: &'a [bool; 5],
    pub l1_in: f64,
    pub l1_out: f64,
}

fn signed(v: f64) -> String {
    if v == 0.0 {
        "0".into()
    } else if v > 0.0 {
        format!("+{v:.3}")
    } else {
        format!("\u{2212}{:.3}", -v)
    }
}

fn sign_color(v: f64) -> Option<PlotColor> {
    if v > 0.0 {
        Some(PlotColor::Red)
    } else if v < 0.0 {
        Some(PlotColor::Blue)
    } else {
        None
    }
}

fn empty_cells(n: usize) -> impl Iterator<Item = TableCell> {
    (0..n).map(|_| TableCell::new(""))
}

/// C.1 (a) and (b). (a): each row is one absolute value of eq. C.15, its
/// five terms tinted by sign (red positive, blue negative, grey zero), then
/// `|sum|`, `=` or `<` and `sum |.|`; the last row holds the two L1 norms.
/// (b): the transition `r(x|z)` (zeros grey) and the two inputs.
///
/// Words: `c1.terms_title`, `c1.inputs_title`, `c1.corner`, `c1.diff`,
/// `c1.out_head`, `c1.bound_head`, `c1.total`, `c1.p`, `c1.q`,
/// `c1.terms_note`, `c1.inputs_note`, `c1.desc_terms` ({mixed}, {out},
/// {in}, {relation}), `c1.desc_inputs`.
pub fn c1_panels(v: &L1View<'_>, w: Words<'_>) -> Vec<Panel<'static>> {
    let state = |s: f64| short(s, 0);
    let mut rows = Vec::new();
    let mut head = vec![TableCell::new(w("c1.corner")).bold()];
    head.extend(v.states.iter().map(|s| TableCell::new(state(*s)).bold()));
    head.push(TableCell::new(w("c1.out_head")).bold());
    head.push(TableCell::new(""));
    head.push(TableCell::new(w("c1.bound_head")).bold());
    rows.push(TableRow {
        cells: head,
        rule_above: false,
    });
    let mut diff = vec![TableCell::new(w("c1.diff")).bold()];
    diff.extend(v.diff.iter().map(|d| {
        let cell = TableCell::new(signed(*d)).bold();
        match sign_color(*d) {
            Some(c) => cell.colored(c),
            None => cell,
        }
    }));
    diff.extend(empty_cells(3));
    rows.push(TableRow {
        cells: diff,
        rule_above: false,
    });
    for i in 0..5 {
        let mut cells = vec![TableCell::new(state(v.states[i])).bold()];
        for j in 0..5 {
            let term = v.terms[i][j];
            cells.push(match sign_color(term) {
                Some(c) => TableCell::new(signed(term)).tinted(c),
                None => TableCell::new("0").colored(PlotColor::Gray),
            });
        }
        cells.push(TableCell::new(num(v.out_terms[i], 3)));
        cells.push(if v.signs_agree[i] {
            TableCell::new("=")
        } else {
            TableCell::new("<").tinted(PlotColor::Orange).bold()
        });
        cells.push(TableCell::new(num(v.bound_terms[i], 3)));
        rows.push(TableRow {
            cells,
            rule_above: i == 0,
        });
    }
    let equal = (v.l1_in - v.l1_out).abs() <= 1e-12;
    let relation = if equal { "=" } else { "<" };
    let mut total = vec![TableCell::new(w("c1.total")).bold().aligned(HAlign::Left)];
    total.extend(empty_cells(5));
    total.push(TableCell::new(num(v.l1_out, 3)).bold());
    total.push(TableCell::new(relation).bold());
    total.push(TableCell::new(num(v.l1_in, 3)).bold());
    rows.push(TableRow {
        cells: total,
        rule_above: true,
    });
    let notes = |key: &str| -> Vec<String> {
        w(key)
            .split('\n')
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    };
    let terms = TableChart {
        title: w("c1.terms_title"),
        columns: vec![1.55, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.45, 1.0],
        rows,
        notes: notes("c1.terms_note"),
    };

    let mut rows = Vec::new();
    let mut head = vec![TableCell::new(w("c1.corner")).bold()];
    head.extend(v.states.iter().map(|s| TableCell::new(state(*s)).bold()));
    rows.push(TableRow {
        cells: head,
        rule_above: false,
    });
    for i in 0..5 {
        let mut cells = vec![TableCell::new(state(v.states[i])).bold()];
        cells.extend(v.transition[i].iter().map(|&r| {
            if r == 0.0 {
                TableCell::new("0").colored(PlotColor::Gray)
            } else {
                TableCell::new(num(r, 3))
            }
        }));
        rows.push(TableRow {
            cells,
            rule_above: i == 0,
        });
    }
    for (k, (key, values, color)) in [
        ("c1.p", v.p, PlotColor::Orange),
        ("c1.q", v.q, PlotColor::Green),
    ]
    .into_iter()
    .enumerate()
    {
        let mut cells = vec![TableCell::new(w(key)).bold().colored(color)];
        cells.extend(
            values
                .iter()
                .map(|x| TableCell::new(num(*x, 3)).colored(color)),
        );
        rows.push(TableRow {
            cells,
            rule_above: k == 0,
        });
    }
    let inputs = TableChart {
        title: w("c1.inputs_title"),
        columns: vec![1.25, 1.0, 1.0, 1.0, 1.0, 1.0],
        rows,
        notes: notes("c1.inputs_note"),
    };
    let mixed = v.signs_agree.iter().filter(|a| !**a).count().to_string();
    let desc_terms = fill(
        &w("c1.desc_terms"),
        &[
            ("mixed", &mixed),
            ("out", &num(v.l1_out, 3)),
            ("in", &num(v.l1_in, 3)),
            ("relation", relation),
        ],
    );
    vec![
        Panel {
            chart: FigureChart::Table(terms),
            size: TERMS_SIZE,
            desc: desc_terms,
        },
        Panel {
            chart: FigureChart::Table(inputs),
            size: INPUTS_SIZE,
            desc: w("c1.desc_inputs"),
        },
    ]
}

// ---- C.2 ---------------------------------------------------------------------

/// An axis over `extent` with a tick every 1 and a label.
fn extent_axis(extent: (f64, f64), label: &str) -> Axis {
    let axis = Axis::new(extent.0, extent.1).with_major(Ticks::Every(1.0));
    if label.is_empty() {
        axis
    } else {
        axis.with_label(label)
    }
}

/// `log2 q(x|z)` (engine layout, rows on x) drawn z across, x up over
/// `extent` on both axes, coloured from `floor` to the next integer above
/// its largest value.
fn log2_map<'a>(
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

fn colorbar_of(map: &Heatmap<'_>, label: String) -> Option<ColorBar> {
    let (min, max) = map.values.resolve(map.matrix);
    Some(ColorBar { min, max, label })
}

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
    let map = log2_map(
        fill(&w("c2.title"), &[("tag", tag), ("alpha", &alpha_s)]),
        log2,
        n,
        extent,
        floor,
        w,
    );
    let pad = (extent.1 - extent.0) * 0.03;
    let label = fill(&w("c2.nonzero"), &[("pct", &pct), ("floor", &floor_s)]);
    let colorbar = colorbar_of(&map, w("c2.colorbar"));
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
        chart: FigureChart::Heat {
            map,
            marks: vec![Mark::Label {
                x: extent.0 + pad,
                y: extent.1 - pad * 1.6,
                text: label,
                ink: Ink::Dark,
                align: HAlign::Left,
                vertical: false,
            }],
            colorbar,
        },
        size: HEAT_SIZE,
    }
}

// ---- D.1-D.3 -------------------------------------------------------------------

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

fn fits(text: &str, width_px: f64, font: f64) -> bool {
    text_width(text, font) + font * 0.8 <= width_px
}

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

/// Approximate plot width of a heat-map panel at scale 1 (to decide whether
/// a label fits across a region or turns vertical).
const HEAT_PLOT_PX: f64 = 270.0;
const LABEL_FONT_PX: f64 = 11.0;

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
    let extent = (
        v.x.first().copied().unwrap_or(-1.0),
        v.x.last().copied().unwrap_or(1.0),
    );
    let span = extent.1 - extent.0;
    let n = v.x.len();

    // (a) q(x), its shaded support, GaussFun at the probes with their reach.
    let peak = v
        .probes
        .iter()
        .flat_map(|(_, g)| g.iter())
        .chain(v.q_x)
        .copied()
        .fold(0.0f64, f64::max);
    let y_max = ((peak * 1.6) * 2.0).ceil() / 2.0;
    let mut chart = LineChart::new(fill(&w("d.pdf_title"), &[("beta", &short(v.beta, 4))]), v.x);
    chart.x_axis = Axis::new(extent.0, extent.1)
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
    let mut marks = Vec::new();
    for &(a, b) in v.support {
        marks.push(Mark::Band {
            x0: a,
            x1: b,
            ink: Ink::Plot(PlotColor::Blue),
            opacity: 0.09,
        });
    }
    if let Some((a, b)) = widest(v.support) {
        marks.push(Mark::label(
            (a + b) / 2.0,
            chart.y_axis.max * 0.07,
            w("d.support"),
            Ink::Plot(PlotColor::Blue),
        ));
    }
    let mut level = 0;
    for (k, (z, _)) in v.probes.iter().enumerate() {
        // Brackets above GaussFun's peak; a second row where two would touch.
        let touches = k > 0 && (z - v.probes[k - 1].0).abs() < 6.0 * v.sigma;
        level = if touches { 1 - level } else { 0 };
        let y = chart.y_axis.max * if level == 0 { 0.68 } else { 0.8 };
        marks.push(Mark::Bracket {
            x0: z - 3.0 * v.sigma,
            x1: z + 3.0 * v.sigma,
            y,
            text: w("d.reach"),
            ink: Ink::Plot(PlotColor::Green),
        });
    }
    for (pair, gap) in v.support.windows(2).zip(v.gaps) {
        marks.push(Mark::Bracket {
            x0: pair[0].1,
            x1: pair[1].0,
            y: chart.y_axis.max * 0.92,
            text: fill(
                &w("d.gap"),
                &[
                    ("gap", &short(*gap, 2)),
                    ("ratio", &short(gap / v.sigma, 1)),
                ],
            ),
            ink: Ink::Dark,
        });
    }
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
    let pdf = Panel {
        chart: FigureChart::Line { chart, marks },
        size: LINE_SIZE,
        desc: fill(
            &w("d.desc_pdf"),
            &[
                ("components", &components),
                ("gaps", if gaps.is_empty() { "–" } else { &gaps }),
                ("sigma", &short(v.sigma, 3)),
            ],
        ),
    };

    // (b) the posterior and its regions.
    let unit = HEAT_PLOT_PX / span;
    let (lo, hi) = hull(v.support);
    let mut marks = Vec::new();
    for &(a, b) in v.support {
        marks.push(Mark::Outline {
            x0: a,
            x1: b,
            y0: a,
            y1: b,
            ink: Ink::White,
            dashed: true,
        });
    }
    // The unidirectional blocks: extension columns next to a component, its rows.
    let step = if n > 1 { v.x[1] - v.x[0] } else { 0.0 };
    let tol = 1.5 * step.abs();
    let next_to = |e: (f64, f64), s: (f64, f64)| {
        (s.0 - e.1 >= -tol && s.0 - e.1 <= tol) || (e.0 - s.1 >= -tol && e.0 - s.1 <= tol)
    };
    for &e in v.extension {
        for &s in v.support.iter().filter(|s| next_to(e, **s)) {
            marks.push(Mark::Outline {
                x0: e.0,
                x1: e.1,
                y0: s.0,
                y1: s.1,
                ink: Ink::Plot(PlotColor::Orange),
                dashed: true,
            });
        }
    }
    if let Some((a, b)) = widest(v.support) {
        let mid = (a + b) / 2.0;
        marks.push(Mark::label(mid, mid, w("d.support"), Ink::Dark));
    }
    let (above, below) = (extent.1 - hi, lo - extent.0);
    if above.max(below) * unit > LABEL_FONT_PX * 1.6 {
        // Above unless below is clearly roomier (the bottom carries brackets).
        let y = if above >= below - 0.1 * span {
            (hi + extent.1) / 2.0
        } else {
            (extent.0 + lo) / 2.0
        };
        marks.push(Mark::label(
            0.5 * (lo + hi),
            y,
            w("d.inaccessible"),
            Ink::Dark,
        ));
    }
    let bracket_y = extent.0 + span * 0.045;
    for &(a, b) in v.extension {
        marks.push(Mark::Bracket {
            x0: a,
            x1: b,
            y: bracket_y,
            text: String::new(),
            ink: Ink::Plot(PlotColor::Orange),
        });
    }
    // Labels inside an extension block sit level with the component it
    // feeds (not in a gap between components).
    let beside = |e: (f64, f64)| -> f64 {
        v.support
            .iter()
            .find(|s| next_to(e, **s))
            .map_or((lo + hi) / 2.0, |s| (s.0 + s.1) / 2.0)
    };
    if let Some((a, b)) = widest(v.extension) {
        let text = w("d.unidirectional");
        let vertical = !fits(&text, (b - a) * unit, LABEL_FONT_PX);
        marks.push(Mark::Label {
            x: (a + b) / 2.0,
            y: beside((a, b)),
            text,
            ink: Ink::Plot(PlotColor::Orange),
            align: HAlign::Center,
            vertical,
        });
        let text = w("d.extension");
        if fits(&text, (b - a) * unit, LABEL_FONT_PX) {
            marks.push(Mark::label(
                (a + b) / 2.0,
                extent.0 + span * 0.11,
                text,
                Ink::Plot(PlotColor::Orange),
            ));
        } else if let Some(&(c, d)) = v
            .extension
            .iter()
            .filter(|e| **e != (a, b))
            .max_by(|p, q| (p.1 - p.0).total_cmp(&(q.1 - q.0)))
        {
            // Too narrow across: upright in another extension block.
            marks.push(Mark::Label {
                x: (c + d) / 2.0,
                y: beside((c, d)),
                text,
                ink: Ink::Plot(PlotColor::Orange),
                align: HAlign::Center,
                vertical: true,
            });
        }
    }
    let map = log2_map(w("d.post_title"), v.log2_posterior, n, extent, v.floor, w);
    let colorbar = colorbar_of(&map, w("d.colorbar"));
    let post = Panel {
        chart: FigureChart::Heat {
            map,
            marks,
            colorbar,
        },
        size: HEAT_SIZE,
        desc: w("d.desc_post"),
    };

    // (c) the power matrix, its support and extension columns.
    let mut marks = Vec::new();
    for &(a, b) in v.support {
        marks.push(Mark::Bracket {
            x0: a,
            x1: b,
            y: bracket_y,
            text: String::new(),
            ink: Ink::White,
        });
    }
    for &(a, b) in v.extension {
        marks.push(Mark::Bracket {
            x0: a,
            x1: b,
            y: bracket_y,
            text: String::new(),
            ink: Ink::Plot(PlotColor::Orange),
        });
    }
    if let Some((a, b)) = widest(v.support) {
        let text = w("d.support_columns");
        if fits(&text, (b - a) * unit, LABEL_FONT_PX) {
            marks.push(Mark::label(
                (a + b) / 2.0,
                extent.0 + span * 0.11,
                text,
                Ink::Dark,
            ));
        }
    }
    if let Some((a, b)) = widest(v.extension) {
        let text = w("d.extension_columns");
        let vertical = !fits(&text, (b - a) * unit, LABEL_FONT_PX);
        marks.push(Mark::Label {
            x: (a + b) / 2.0,
            y: beside((a, b)),
            text,
            ink: Ink::Plot(PlotColor::Orange),
            align: HAlign::Center,
            vertical,
        });
    }
    let n_s = v.power.to_string();
    let map = log2_map(
        fill(&w("d.power_title"), &[("n", &n_s)]),
        v.log2_power,
        n,
        extent,
        v.floor,
        w,
    );
    let colorbar = colorbar_of(&map, w("d.colorbar"));
    let power = Panel {
        chart: FigureChart::Heat {
            map,
            marks,
            colorbar,
        },
        size: HEAT_SIZE,
        desc: fill(
            &w("d.desc_power"),
            &[("n", &n_s), ("classes", &v.classes.to_string())],
        ),
    };
    vec![pdf, post, power]
}

// ---- D.4, D.5 --------------------------------------------------------------------

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

fn deviation_chart<'a>(
    v: &DeviationView<'a>,
    title: String,
    w: Words<'_>,
    posterior_label: String,
    y_max: f64,
) -> LineChart<'a> {
    let extent = (
        v.x.first().copied().unwrap_or(0.0),
        v.x.last().copied().unwrap_or(1.0),
    );
    let mut chart = LineChart::new(title, v.x);
    chart.x_axis = if extent.1 - extent.0 > 10.0 {
        Axis::new(extent.0, extent.1)
            .with_major(Ticks::Every(2.0))
            .with_minor(Some(1.0))
    } else {
        Axis::new(extent.0, extent.1)
            .with_major(Ticks::Every(1.0))
            .with_minor(Some(0.25))
    };
    chart.y_axis = Axis::pdf_y(y_max);
    chart.legend = Corner::UpperLeft;
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

fn deviation_marks(v: &DeviationView<'_>, y_max: f64, shift: String) -> Vec<Mark> {
    let mut marks = vec![Mark::Line(VLine {
        x: v.z,
        color: PlotColor::Gray,
        style: LineStyle::Dashed,
    })];
    if (v.centre - v.z).abs() > 1e-9 {
        marks.push(Mark::Bracket {
            x0: v.z.min(v.centre),
            x1: v.z.max(v.centre),
            y: y_max * 0.8,
            text: shift,
            ink: Ink::Plot(PlotColor::Green),
        });
    }
    marks
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
    let (alpha, beta, z) = (short(v.alpha, 3), short(v.beta, 4), short(v.z, 2));
    let title = if general {
        fill(
            &w("d4.title_general"),
            &[("tag", tag), ("beta", &beta), ("z", &z)],
        )
    } else {
        fill(
            &w("d4.title_ddpm"),
            &[("tag", tag), ("alpha", &alpha), ("z", &z)],
        )
    };
    let chart = deviation_chart(v, title, w, fill(&w("d4.posterior"), &[("z", &z)]), y_max);
    let shift = num(v.deviation, 2);
    let marks = deviation_marks(
        v,
        chart.y_axis.max,
        fill(&w("d4.shift"), &[("shift", &shift)]),
    );
    Panel {
        desc: fill(
            &w("d4.desc"),
            &[
                ("alpha", &alpha),
                ("beta", &beta),
                ("z", &z),
                ("centre", &num(v.centre, 2)),
                ("shift", &shift),
            ],
        ),
        chart: FigureChart::Line { chart, marks },
        size: LINE_SIZE,
    }
}

/// D.5: GaussFun has moved so far from x = z that q(x = z | z) is 0.
///
/// Words: `d5.title` ({alpha}, {beta}, {z}), `d4.q_x`, `d4.gauss_fun`,
/// `d4.posterior` ({z}), `d5.shift` ({shift}, {ratio}), `d5.value` ({z},
/// {value}), `d5.desc` ({alpha}, {beta}, {z}, {centre}, {ratio}, {value}).
pub fn d5_panel<'a>(v: &DeviationView<'a>, w: Words<'_>) -> Panel<'a> {
    let (alpha, beta, z) = (short(v.alpha, 3), short(v.beta, 4), short(v.z, 2));
    let title = fill(
        &w("d5.title"),
        &[("alpha", &alpha), ("beta", &beta), ("z", &z)],
    );
    let chart = deviation_chart(
        v,
        title,
        w,
        fill(&w("d4.posterior"), &[("z", &z)]),
        deviation_y_max(std::slice::from_ref(v)),
    );
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
    marks.push(Mark::Dot {
        x: v.z,
        y: v.value_at_z,
        ink: Ink::Plot(PlotColor::Orange),
    });
    let extent = (
        v.x.first().copied().unwrap_or(0.0),
        v.x.last().copied().unwrap_or(1.0),
    );
    marks.push(Mark::Label {
        x: v.z - (extent.1 - extent.0) * 0.015,
        y: y_max * 0.3,
        text: fill(&w("d5.value"), &[("z", &z), ("value", &value)]),
        ink: Ink::Plot(PlotColor::Orange),
        align: HAlign::Right,
        vertical: false,
    });
    Panel {
        desc: fill(
            &w("d5.desc"),
            &[
                ("alpha", &alpha),
                ("beta", &beta),
                ("z", &z),
                ("centre", &num(v.centre, 2)),
                ("ratio", &ratio),
                ("value", &value),
            ],
        ),
        chart: FigureChart::Line { chart, marks },
        size: D5_SIZE,
    }
}
