//! Heat maps of matrices (likelihoods, posteriors, their powers) with the
//! viridis colour map.
//!
//! Cells are never drawn one by one. [`rasterize_rgba`] turns the matrix into
//! one RGBA image the size of the plot area, and the image is put on the
//! surface in one operation. plotters-canvas 0.3 does not override
//! `blit_bitmap` (the trait default draws pixel by pixel, one `fillRect`
//! each), so on a canvas use [`draw_heatmap_with`] and put the image with
//! `putImageData` yourself; see its docs.

use plotters::prelude::DrawingBackend;

use crate::draw::{self, absolute, area_error, Area, Direct, Frame};
use crate::layout::{Axis, Furniture, PlotRect, Ticks};
use crate::marks::{Mark, VLine};
use crate::style::RenderOptions;
use crate::viridis::viridis;
use crate::ChartError;

/// How a row-major matrix is laid over the plot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Orientation {
    /// `matrix[r * cols + c]` is drawn at column `c` across and row `r` up:
    /// row 0 at the bottom, as matplotlib's `imshow(origin="lower")`. For
    /// `K[i][j] = q(x_i|z_j)` this is "z across, x up".
    #[default]
    RowsAlongY,
    /// The transpose, without copying: row `r` across and column `c` up. For
    /// `J[i][j]` indexed by (x_i, z_j) this is "x across, z up".
    RowsAlongX,
}

/// Which values map to the ends of the colour map.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub enum ValueRange {
    /// The smallest and largest finite value in the matrix (matplotlib's
    /// default).
    #[default]
    Auto,
    /// Fixed ends; values outside are clamped to the end colours. For a log
    /// scale, pass `log2` of the matrix and the range in log2 units.
    Fixed {
        /// Maps to the first viridis entry.
        min: f64,
        /// Maps to the last viridis entry.
        max: f64,
    },
}

impl ValueRange {
    /// The concrete (min, max) for `matrix`.
    pub fn resolve(self, matrix: &[f64]) -> (f64, f64) {
        match self {
            ValueRange::Fixed { min, max } => (min, max),
            ValueRange::Auto => {
                let (lo, hi) = matrix
                    .iter()
                    .filter(|v| v.is_finite())
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                        (lo.min(v), hi.max(v))
                    });
                if lo <= hi {
                    (lo, hi)
                } else {
                    (0.0, 1.0)
                }
            }
        }
    }
}

/// A heat map, language-neutral: every string is supplied translated.
#[derive(Clone, Debug, PartialEq)]
pub struct Heatmap<'a> {
    /// Drawn centred above the plot; empty for none.
    pub title: String,
    /// `rows * cols` values, row-major.
    pub matrix: &'a [f64],
    /// Number of rows.
    pub rows: usize,
    /// Number of columns.
    pub cols: usize,
    /// How rows and columns map to the axes.
    pub orientation: Orientation,
    /// Colour scaling.
    pub values: ValueRange,
    /// The x extent of the image and its ticks.
    pub x_axis: Axis,
    /// The y extent of the image and its ticks.
    pub y_axis: Axis,
    /// An optional vertical line (Demo 2 marks the chosen z in orange).
    pub marker: Option<VLine>,
    /// Keep the plot area square, as matplotlib's `imshow` does for a square
    /// matrix with equal extents.
    pub square: bool,
    /// Marks in data coordinates (a figure's regions and labels), drawn over
    /// the cells and the frame in order.
    pub marks: Vec<Mark>,
}

impl<'a> Heatmap<'a> {
    /// A heat map over the article's grid: both axes -2.3..2.3 with a tick
    /// every 1, automatic colour range, square.
    pub fn new(
        title: impl Into<String>,
        matrix: &'a [f64],
        rows: usize,
        cols: usize,
        orientation: Orientation,
    ) -> Self {
        Heatmap {
            title: title.into(),
            matrix,
            rows,
            cols,
            orientation,
            values: ValueRange::Auto,
            x_axis: grid_axis(),
            y_axis: grid_axis(),
            marker: None,
            square: true,
            marks: Vec::new(),
        }
    }

    /// Sets the vertical marker line.
    pub fn with_marker(mut self, marker: VLine) -> Self {
        self.marker = Some(marker);
        self
    }

    /// Sets the colour scaling.
    pub fn with_values(mut self, values: ValueRange) -> Self {
        self.values = values;
        self
    }

    /// Adds marks.
    pub fn with_marks(mut self, marks: impl IntoIterator<Item = Mark>) -> Self {
        self.marks.extend(marks);
        self
    }

    /// Sets both axes (extent, ticks, labels).
    pub fn with_axes(mut self, x_axis: Axis, y_axis: Axis) -> Self {
        self.x_axis = x_axis;
        self.y_axis = y_axis;
        self
    }

    /// The cells as an `out_w x out_h` RGBA image; see [`rasterize_rgba`].
    pub fn rasterize_rgba(&self, out_w: u32, out_h: u32) -> Vec<u8> {
        rasterize_rgba(
            self.matrix,
            self.rows,
            self.cols,
            out_w,
            out_h,
            self.orientation,
            self.values,
        )
    }

    /// Where the image goes on a backend of `size` pixels, without drawing
    /// (absolute pixels, as [`draw_heatmap_with`] reports them).
    pub fn plot_rect(&self, size: (u32, u32), opts: &RenderOptions) -> PlotRect {
        Frame::new(size, &self.furniture(), opts).layout.plot
    }

    fn furniture(&self) -> Furniture<'_> {
        Furniture {
            title: &self.title,
            x_axis: &self.x_axis,
            y_axis: &self.y_axis,
            square: self.square,
        }
    }

    fn validate(&self) -> Result<(), ChartError> {
        if self.rows.checked_mul(self.cols) != Some(self.matrix.len()) || self.matrix.is_empty() {
            return Err(ChartError::Spec(format!(
                "heat map matrix has {} values, not {} x {}",
                self.matrix.len(),
                self.rows,
                self.cols
            )));
        }
        if !self.x_axis.is_valid() || !self.y_axis.is_valid() {
            return Err(ChartError::Spec(
                "heat map extents must be finite and increasing".into(),
            ));
        }
        Ok(())
    }
}

/// An axis over the article's grid, -2.3..2.3 with a tick every 1, as heat
/// maps use on both sides.
pub(crate) fn grid_axis() -> Axis {
    Axis::pdf_x().with_minor(None).with_major(Ticks::Every(1.0))
}

/// Renders a row-major `rows x cols` matrix as an `out_w x out_h` RGBA image
/// (4 bytes a pixel, top row first, as `ImageData` and PNG expect), coloured
/// with viridis over `values`.
///
/// With [`Orientation::RowsAlongY`] row 0 lands on the bottom pixel row, since
/// the plot's y axis goes up. When the image is smaller than the matrix each
/// pixel averages the cells it covers (a thin ridge, like the posterior at
/// alpha near 1, stays visible instead of aliasing away); when larger, each
/// pixel takes its nearest cell. NaN cells are transparent, cells missing from
/// a short `matrix` too; infinities take the end colours.
pub fn rasterize_rgba(
    matrix: &[f64],
    rows: usize,
    cols: usize,
    out_w: u32,
    out_h: u32,
    orientation: Orientation,
    values: ValueRange,
) -> Vec<u8> {
    let (w, h) = (out_w as usize, out_h as usize);
    let mut rgba = vec![0u8; w * h * 4];
    if rows == 0 || cols == 0 || w == 0 || h == 0 {
        return rgba;
    }
    let (across, up) = match orientation {
        Orientation::RowsAlongY => (cols, rows),
        Orientation::RowsAlongX => (rows, cols),
    };
    let cell = |a: usize, u: usize| -> f64 {
        let index = match orientation {
            Orientation::RowsAlongY => u * cols + a,
            Orientation::RowsAlongX => a * cols + u,
        };
        matrix.get(index).copied().unwrap_or(f64::NAN)
    };
    let (lo, hi) = values.resolve(matrix);
    let span = hi - lo;

    let x_spans = pixel_spans(across, w);
    // Pixel row 0 is the top, cell row 0 the bottom: flip.
    let y_spans: Vec<(usize, usize)> = pixel_spans(up, h)
        .into_iter()
        .map(|(a, b)| (up - b, up - a))
        .collect();

    // Separable box filter: average along x for every cell row, then along y.
    let mut along_x = vec![0.0f64; up * w];
    for u in 0..up {
        for (px, &(a0, a1)) in x_spans.iter().enumerate() {
            along_x[u * w + px] = mean(a0, a1, |a| cell(a, u));
        }
    }
    let row_bytes = w * 4;
    for (py, &(u0, u1)) in y_spans.iter().enumerate() {
        let start = py * row_bytes;
        // Enlarging repeats cell rows: copy the pixel row above instead.
        if py > 0 && y_spans[py - 1] == (u0, u1) {
            rgba.copy_within(start - row_bytes..start, start);
            continue;
        }
        let row = &mut rgba[start..start + row_bytes];
        for (px, pixel) in row.chunks_exact_mut(4).enumerate() {
            let v = mean(u0, u1, |u| along_x[u * w + px]);
            let t = if span > 0.0 { (v - lo) / span } else { 0.0 };
            if let Some([r, g, b]) = viridis(if v.is_nan() { f64::NAN } else { t }) {
                pixel.copy_from_slice(&[r, g, b, 255]);
            }
        }
    }
    rgba
}

/// The mean of `value` over `a..b` (one cell: just its value).
#[inline]
fn mean(a: usize, b: usize, value: impl Fn(usize) -> f64) -> f64 {
    if b - a == 1 {
        value(a)
    } else {
        (a..b).map(value).sum::<f64>() / (b - a) as f64
    }
}

/// For each of `pixels` output pixels, the half-open range of the `cells`
/// input cells it shows: the cells it covers when shrinking, the nearest one
/// when enlarging.
fn pixel_spans(cells: usize, pixels: usize) -> Vec<(usize, usize)> {
    (0..pixels)
        .map(|k| {
            if pixels >= cells {
                let c = ((2 * k + 1) * cells / (2 * pixels)).min(cells - 1);
                (c, c + 1)
            } else {
                let a = k * cells / pixels;
                let b = ((k + 1) * cells).div_ceil(pixels).min(cells);
                (a, b.max(a + 1))
            }
        })
        .collect()
}

enum Cells<'f> {
    /// Through the backend's `blit_bitmap`.
    Blit,
    /// By the caller, between background and overlay.
    Callback(Box<dyn FnOnce(PlotRect) -> Result<(), ChartError> + 'f>),
}

/// Draws `heatmap` filling `area`, putting the cells with the backend's
/// `blit_bitmap` (one call). Right for plotters' `BitMapBackend`; on
/// plotters-canvas use [`draw_heatmap_with`] instead, and for an SVG file
/// `heatmap_svg` (feature `svg`), as neither backend blits efficiently.
/// Returns the plot rectangle in absolute backend pixels.
pub fn draw_heatmap<DB: DrawingBackend>(
    area: &Area<DB>,
    heatmap: &Heatmap<'_>,
    opts: &RenderOptions,
) -> Result<PlotRect, ChartError> {
    draw(area, heatmap, opts, Cells::Blit)
}

/// Draws `heatmap` filling `area`, except its cells, which `put_cells` puts.
///
/// The order is: white background; `put_cells(rect)`; the marker line; the
/// frame, ticks, labels and title. `rect` is the plot area in absolute
/// backend pixels, so the callback can put an image there without
/// plotters, e.g. in the web crate:
///
/// ```ignore
/// let ctx = canvas.get_context("2d")?.unwrap().dyn_into::<CanvasRenderingContext2d>()?;
/// let area = CanvasBackend::with_canvas_object(canvas).unwrap().into_drawing_area();
/// dpm_charts::draw_heatmap_with(&area, &heatmap, &RenderOptions::canvas(dpr), |rect| {
///     let rgba = heatmap.rasterize_rgba(rect.width, rect.height); // or a cached image
///     let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), rect.width, rect.height)
///         .map_err(|e| ChartError::Backend(format!("{e:?}")))?;
///     ctx.put_image_data(&image, rect.x.into(), rect.y.into())
///         .map_err(|e| ChartError::Backend(format!("{e:?}")))
/// })?;
/// ```
///
/// `putImageData` ignores transforms and compositing, which is why it runs
/// before the overlay rather than after. The rectangle depends only on the
/// canvas size, options and the heat map's text, so a caller redrawing only
/// the marker (Demo 2's z slider) can keep the image from the previous
/// frame; [`Heatmap::plot_rect`] gives it without drawing.
pub fn draw_heatmap_with<DB: DrawingBackend>(
    area: &Area<DB>,
    heatmap: &Heatmap<'_>,
    opts: &RenderOptions,
    put_cells: impl FnOnce(PlotRect) -> Result<(), ChartError>,
) -> Result<PlotRect, ChartError> {
    draw(area, heatmap, opts, Cells::Callback(Box::new(put_cells)))
}

fn draw<DB: DrawingBackend>(
    area: &Area<DB>,
    heatmap: &Heatmap<'_>,
    opts: &RenderOptions,
    cells: Cells<'_>,
) -> Result<PlotRect, ChartError> {
    heatmap.validate()?;
    let furniture = heatmap.furniture();
    let frame = Frame::new(area.dim_in_pixel(), &furniture, opts);
    let rect = frame.layout.plot;

    draw::fill_background(area, &frame.m)?;
    match cells {
        Cells::Blit => {
            let rgba = heatmap.rasterize_rgba(rect.width, rect.height);
            let rgb = rgba_over_white(&rgba);
            area.draw(&Direct::Image {
                top_left: (rect.x, rect.y),
                size: (rect.width, rect.height),
                rgb: &rgb,
            })
            .map_err(area_error)?;
        }
        Cells::Callback(put) => {
            // No `present()` first: plotters-svg would close the document.
            // The canvas and bitmap backends draw immediately anyway.
            put(absolute(area, rect))?;
        }
    }
    frame.overlay(area, &furniture, heatmap.marker.as_ref(), &heatmap.marks)?;
    Ok(absolute(area, rect))
}

/// RGBA to RGB over a white background (blit_bitmap takes RGB).
pub(crate) fn rgba_over_white(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4)
        .flat_map(|p| {
            let a = u16::from(p[3]);
            let over = |c: u8| ((u16::from(c) * a + 255 * (255 - a)) / 255) as u8;
            [over(p[0]), over(p[1]), over(p[2])]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_every_cell_when_shrinking() {
        let spans = pixel_spans(461, 400);
        assert_eq!(spans[0].0, 0);
        assert_eq!(spans[399].1, 461);
        for pair in spans.windows(2) {
            assert!(pair[1].0 <= pair[0].1, "gap between {pair:?}");
        }
    }

    #[test]
    fn spans_pick_nearest_when_enlarging() {
        assert_eq!(pixel_spans(2, 4), vec![(0, 1), (0, 1), (1, 2), (1, 2)]);
    }
}
