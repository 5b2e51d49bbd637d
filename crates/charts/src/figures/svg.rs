//! A figure panel as a standalone SVG document (feature `svg`).

use super::FigureChart;
use crate::heatmap::{Heatmap, Orientation};
use crate::layout::PlotRect;
use crate::style::RenderOptions;
use crate::svg::{png_bytes, put_placeholder, svg_document, with_cells_image};
use crate::viridis::VIRIDIS;
use crate::ChartError;

/// `chart` as a standalone SVG document of `size` pixels. A heat map's cells
/// are one indexed PNG with a pixel per matrix cell, stretched over the plot
/// (a few kilobytes rather than a full-resolution RGBA image).
pub fn figure_chart_svg(
    chart: &FigureChart<'_>,
    size: (u32, u32),
    opts: &RenderOptions,
) -> Result<String, ChartError> {
    let mut cells: Option<PlotRect> = None;
    let (svg, ()) = svg_document(size, |area| {
        super::draw_figure_chart(area, chart, opts, |r| {
            cells = Some(r);
            put_placeholder(area, r)
        })
    })?;
    match (chart, cells) {
        (FigureChart::Heat { map, .. }, Some(r)) => with_cells_image(&svg, r, &cells_png(map)?.0),
        _ => Ok(svg),
    }
}

/// The heat map's cells as an 8-bit indexed PNG (viridis palette), one pixel
/// per cell, top row first; returns `(bytes, width, height)`.
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
    let size = (across as u32, up as u32);
    let bytes = png_bytes(size, &indices, |encoder| {
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_palette(VIRIDIS.iter().flatten().copied().collect::<Vec<u8>>());
        encoder.set_compression(png::Compression::Best);
    })?;
    Ok((bytes, size.0, size.1))
}
