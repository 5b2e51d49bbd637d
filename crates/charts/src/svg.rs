//! Standalone SVG documents (feature `svg`), for the `dpm figure` command and
//! tests. plotters-svg writes every text as `<text>`, so no font is needed.

use base64::Engine as _;
use plotters::prelude::{IntoDrawingArea, SVGBackend};
use plotters::style::{Color, RGBColor};

use crate::draw::{area_error, Area};
use crate::heatmap::{draw_heatmap_with, Heatmap};
use crate::line_chart::{draw_line_chart, LineChart};
use crate::{ChartError, PlotRect, RenderOptions};

/// `line_chart` as an SVG document of `size` pixels.
pub fn line_chart_svg(
    chart: &LineChart<'_>,
    size: (u32, u32),
    opts: &RenderOptions,
) -> Result<String, ChartError> {
    let (svg, _) = svg_document(size, |area| draw_line_chart(area, chart, opts))?;
    Ok(svg)
}

/// `heatmap` as an SVG document of `size` pixels. The cells are one embedded
/// PNG `<image>` covering the plot area (plotters-svg's own `blit_bitmap`
/// would need the `image` crate, or else write a `<rect>` per pixel).
pub fn heatmap_svg(
    heatmap: &Heatmap<'_>,
    size: (u32, u32),
    opts: &RenderOptions,
) -> Result<String, ChartError> {
    let (svg, rect) = svg_document(size, |area| {
        draw_heatmap_with(area, heatmap, opts, |r| put_placeholder(area, r))
    })?;
    let rgba = heatmap.rasterize_rgba(rect.width, rect.height);
    let png = png_bytes((rect.width, rect.height), &rgba, |encoder| {
        encoder.set_color(png::ColorType::Rgba)
    })?;
    with_cells_image(&svg, rect, &png)
}

/// An SVG document of `size` pixels with what `draw` draws on it, and what
/// `draw` returned.
pub(crate) fn svg_document<T>(
    size: (u32, u32),
    draw: impl FnOnce(&Area<SVGBackend<'_>>) -> Result<T, ChartError>,
) -> Result<(String, T), ChartError> {
    let mut out = String::new();
    let drawn = {
        let area = SVGBackend::with_string(&mut out, size).into_drawing_area();
        let drawn = draw(&area)?;
        area.present().map_err(area_error)?;
        drawn
    };
    Ok((out, drawn))
}

/// A colour no chart uses, marking where the cells go until the document
/// is finished and the `<image>` can replace it.
const PLACEHOLDER: RGBColor = RGBColor(0x01, 0x02, 0x03);
const PLACEHOLDER_FILL: &str = "fill=\"#010203\"";

/// Fills `r` (absolute pixels) with the placeholder colour.
pub(crate) fn put_placeholder(area: &Area<SVGBackend<'_>>, r: PlotRect) -> Result<(), ChartError> {
    let (bx, by) = area.get_base_pixel();
    let corners = [(r.x - bx, r.y - by), (r.right() - bx, r.bottom() - by)];
    area.draw(&plotters::element::Rectangle::new(
        corners,
        PLACEHOLDER.filled(),
    ))
    .map_err(area_error)
}

/// `svg` with its placeholder replaced by `png`, stretched over `rect`.
pub(crate) fn with_cells_image(
    svg: &str,
    rect: PlotRect,
    png: &[u8],
) -> Result<String, ChartError> {
    let image = format!(
        r#"<image x="{}" y="{}" width="{}" height="{}" preserveAspectRatio="none" href="data:image/png;base64,{}"/>"#,
        rect.x,
        rect.y,
        rect.width,
        rect.height,
        base64::engine::general_purpose::STANDARD.encode(png)
    );
    let missing = || ChartError::Encode("heat map placeholder not found in SVG".into());
    let fill = svg.find(PLACEHOLDER_FILL).ok_or_else(missing)?;
    let start = svg[..fill].rfind("<rect").ok_or_else(missing)?;
    let end = fill + svg[fill..].find("/>").ok_or_else(missing)? + 2;
    Ok(format!("{}{}{}", &svg[..start], image, &svg[end..]))
}

/// An 8-bit PNG of `pixels` (`width x height`, top row first); `setup`
/// sets the colour type and whatever goes with it.
pub(crate) fn png_bytes(
    (width, height): (u32, u32),
    pixels: &[u8],
    setup: impl FnOnce(&mut png::Encoder<'_, &mut Vec<u8>>),
) -> Result<Vec<u8>, ChartError> {
    let encode = |e: png::EncodingError| ChartError::Encode(e.to_string());
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_depth(png::BitDepth::Eight);
    setup(&mut encoder);
    let mut writer = encoder.write_header().map_err(encode)?;
    writer.write_image_data(pixels).map_err(encode)?;
    writer.finish().map_err(encode)?;
    Ok(bytes)
}

/// `svg` (as plotters-svg writes it: one element per line) with each run of
/// consecutive strokes of one style, `<polyline>`s and `<line>`s alike,
/// drawn as one `<path>`. plotters draws a dashed line as a polyline per
/// dash and a grid as a line per rule: a figure of four panels was 1,300
/// elements, each one styled, laid out and painted by the page. Only opaque
/// unfilled strokes are joined (where two overlap, one path paints them as
/// two separate elements did), and only neighbours, so the paint order holds.
/// A scan of plotters' own output, not an SVG parser: nothing else is touched.
pub fn merge_strokes(svg: &str) -> String {
    /// `(style, path data)` of a stroke this can join, else `None`.
    fn stroke(line: &str) -> Option<(&str, String)> {
        let line = line.trim_end();
        if let Some(rest) = line.strip_prefix("<polyline fill=\"none\" ") {
            let (style, points) = rest.strip_suffix("\"/>")?.split_once(" points=\"")?;
            let mut points = points.split_whitespace();
            let first = points.next()?;
            let rest: Vec<&str> = points.collect();
            // (one point draws nothing, and a bare `L` would end the path)
            let to = if rest.is_empty() {
                String::new()
            } else {
                format!("L{}", rest.join(" "))
            };
            Some((style, format!("M{first}{to}")))
        } else if let Some(rest) = line.strip_prefix("<line ") {
            let (style, ends) = rest.strip_suffix("/>")?.split_once(" x1=\"")?;
            let v: Vec<&str> = ends.split('"').collect();
            // ends: x1" y1="… " x2="… " y2="…"
            let (x1, y1, x2, y2) = (v.first()?, v.get(2)?, v.get(4)?, v.get(6)?);
            Some((style, format!("M{x1},{y1}L{x2},{y2}")))
        } else {
            None
        }
        .filter(|(style, _)| style.starts_with("opacity=\"1\" ") && !style.contains("fill="))
    }
    let mut out = String::with_capacity(svg.len());
    // The pending run: its style, its first line as written, its path data, its length.
    let mut run: Option<(&str, &str, String, usize)> = None;
    let flush = |run: &mut Option<(&str, &str, String, usize)>, out: &mut String| {
        if let Some((style, first, d, n)) = run.take() {
            if n == 1 {
                out.push_str(first);
            } else {
                out.push_str(&format!("<path fill=\"none\" {style} d=\"{d}\"/>"));
            }
            out.push('\n');
        }
    };
    for line in svg.lines() {
        match (stroke(line), run.as_mut()) {
            (Some((style, d)), Some((same, _, path, n))) if *same == style => {
                path.push_str(&d);
                *n += 1;
            }
            (Some((style, d)), _) => {
                flush(&mut run, &mut out);
                run = Some((style, line, d, 1));
            }
            (None, _) => {
                flush(&mut run, &mut out);
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Small multiples in one SVG document: `charts` (SVG documents of
/// `cell_size` pixels each, e.g. from [`line_chart_svg`]) placed row by row,
/// `columns` to a row, on a white background. The page lays out separate
/// canvases with CSS instead; this is for figure files.
pub fn svg_grid(charts: &[String], cell_size: (u32, u32), columns: usize) -> String {
    let columns = columns.max(1);
    let rows = charts.len().div_ceil(columns);
    let (cw, ch) = cell_size;
    let (w, h) = (
        cw as usize * columns.min(charts.len().max(1)),
        ch as usize * rows,
    );
    let mut out = format!(
        r#"<svg width="{w}" height="{h}" viewBox="0 0 {w} {h}" xmlns="http://www.w3.org/2000/svg">"#
    );
    out.push('\n');
    out.push_str(&format!(
        r##"<rect x="0" y="0" width="{w}" height="{h}" fill="#FFFFFF"/>"##
    ));
    out.push('\n');
    for (i, chart) in charts.iter().enumerate() {
        let x = (i % columns) as u32 * cw;
        let y = (i / columns) as u32 * ch;
        // Nested <svg> elements take x and y; drop any XML declaration.
        let body = chart
            .find("<svg")
            .map_or(chart.as_str(), |start| &chart[start..]);
        out.push_str(&body.replacen("<svg", &format!(r#"<svg x="{x}" y="{y}""#), 1));
        out.push('\n');
    }
    out.push_str("</svg>\n");
    out
}
