//! Small tables of numbers (C.1), drawn with plotters primitives: a title,
//! rows of cells tinted and coloured one by one, rules, notes under them.

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;

use crate::draw::{self, Area, TextSpec};
use crate::marks::HAlign;
use crate::style::{Metrics, PlotColor, RenderOptions};
use crate::ChartError;

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

impl TableRow {
    /// A row of `cells`, with a rule above it if `rule_above`.
    pub fn new(cells: Vec<TableCell>, rule_above: bool) -> Self {
        TableRow { cells, rule_above }
    }
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

/// Where a table's rows and columns fall, in area pixels.
struct Grid {
    /// Column edges, one more than there are columns.
    xs: Vec<f64>,
    /// The left and right ends of the rules.
    left: f64,
    right: f64,
    /// The top of the first row.
    top: f64,
    row_h: f64,
    cell_font: f64,
}

impl Grid {
    fn row(&self, r: usize) -> (f64, f64) {
        let y0 = self.top + self.row_h * r as f64;
        (y0, y0 + self.row_h)
    }
}

pub(super) fn draw_table<DB: DrawingBackend>(
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
    let m = Metrics::new(opts, (w, h));
    let (w, h) = (f64::from(w), f64::from(h));
    draw::fill_background(area, &m)?;
    let mut top = m.pad;
    if !table.title.is_empty() {
        let spec = TextSpec::new(m.title_font, HPos::Center, VPos::Top);
        draw::text(area, &table.title, (w / 2.0, top), &spec, &m)?;
        top += m.title_font * 1.25 + m.gap * 2.0;
    }
    let grid = grid(table, (w, h), top, &m);
    for (r, row) in table.rows.iter().enumerate() {
        draw_row(area, &grid, r, row, &m)?;
    }
    let (bottom, _) = grid.row(table.rows.len());
    let rule = m.palette.spine();
    draw::line(
        area,
        (grid.left, bottom),
        (grid.right, bottom),
        rule,
        m.axis_width,
    )?;
    for (k, note) in table.notes.iter().enumerate() {
        let spec = TextSpec {
            color: Some(m.palette.soft_text()),
            ..TextSpec::new(m.font * 0.95, HPos::Left, VPos::Top)
        };
        let at = (grid.left, bottom + m.gap * 1.5 + k as f64 * m.font * 1.35);
        draw::text(area, note, at, &spec, &m)?;
    }
    Ok(())
}

/// Rows share the height left under `top` by the notes (at most a little
/// over two lines each); columns share the width in proportion.
fn grid(table: &TableChart, (w, h): (f64, f64), top: f64, m: &Metrics) -> Grid {
    let pad = m.pad * 1.5;
    let note_h = table.notes.len() as f64 * m.font * 1.35;
    let avail = (h - top - note_h - m.pad * 2.0).max(1.0);
    let row_h = (avail / table.rows.len().max(1) as f64).min(m.font * 2.3);
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
    Grid {
        xs,
        left: pad,
        right: w - pad,
        top,
        row_h,
        cell_font: (row_h / 2.1).min(m.font * 1.08),
    }
}

/// Row `r`: its rule (heavy if asked for, else light between rows), each
/// cell's tint and text.
fn draw_row<DB: DrawingBackend>(
    area: &Area<DB>,
    grid: &Grid,
    r: usize,
    row: &TableRow,
    m: &Metrics,
) -> Result<(), ChartError> {
    let (y0, y1) = grid.row(r);
    let (left, right) = (grid.left, grid.right);
    if row.rule_above {
        draw::line(
            area,
            (left, y0),
            (right, y0),
            m.palette.spine(),
            m.axis_width,
        )?;
    } else if r > 0 {
        draw::line(area, (left, y0), (right, y0), m.palette.legend_edge(), 1)?;
    }
    for (c, cell) in row.cells.iter().enumerate() {
        let (x0, x1) = (grid.xs[c], grid.xs[c + 1]);
        if let Some(fill) = cell.fill {
            let tint = m.palette.plot(fill).mix(0.13).filled();
            draw::rect(area, (x0 + 1.5, y0 + 1.5), (x1 - 1.5, y1 - 1.5), tint)?;
        }
        let (tx, hpos) = match cell.align {
            HAlign::Left => (x0 + m.gap, HPos::Left),
            HAlign::Center => ((x0 + x1) / 2.0, HPos::Center),
            HAlign::Right => (x1 - m.gap, HPos::Right),
        };
        let spec = TextSpec {
            color: cell.color.map(|c| m.palette.plot(c)),
            bold: cell.bold,
            ..TextSpec::new(grid.cell_font, hpos, VPos::Center)
        };
        draw::text(area, &cell.text, (tx, (y0 + y1) / 2.0), &spec, m)?;
    }
    Ok(())
}
