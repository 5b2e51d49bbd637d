//! Standalone SVG documents (feature `svg`), for the `dpm figure` command and
//! tests. plotters-svg writes every text as `<text>`, so no font is needed.

use base64::Engine as _;
use plotters::prelude::{IntoDrawingArea, SVGBackend};
use plotters::style::{Color, RGBColor};

use crate::draw::area_error;
use crate::heatmap::{draw_heatmap_with, Heatmap};
use crate::line_chart::{draw_line_chart, LineChart};
use crate::{ChartError, PlotRect, RenderOptions};

/// `line_chart` as an SVG document of `size` pixels.
pub fn line_chart_svg(
    chart: &LineChart<'_>,
    size: (u32, u32),
    opts: &RenderOptions,
) -> Result<String, ChartError> {
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, size).into_drawing_area();
        draw_line_chart(&area, chart, opts)?;
        area.present().map_err(area_error)?;
    }
    Ok(out)
}

/// A colour no chart uses, marking where the cells go until the document
/// is finished and the `<image>` can replace it.
const PLACEHOLDER: RGBColor = RGBColor(0x01, 0x02, 0x03);
const PLACEHOLDER_FILL: &str = "fill=\"#010203\"";

/// `heatmap` as an SVG document of `size` pixels. The cells are one embedded
/// PNG `<image>` covering the plot area (plotters-svg's own `blit_bitmap`
/// would need the `image` crate, or else write a `<rect>` per pixel).
pub fn heatmap_svg(
    heatmap: &Heatmap<'_>,
    size: (u32, u32),
    opts: &RenderOptions,
) -> Result<String, ChartError> {
    let mut out = String::new();
    let rect = {
        let area = SVGBackend::with_string(&mut out, size).into_drawing_area();
        let rect = draw_heatmap_with(&area, heatmap, opts, |r: PlotRect| {
            let (bx, by) = area.get_base_pixel();
            let corners = [(r.x - bx, r.y - by), (r.right() - bx, r.bottom() - by)];
            area.draw(&plotters::element::Rectangle::new(
                corners,
                PLACEHOLDER.filled(),
            ))
            .map_err(area_error)
        })?;
        area.present().map_err(area_error)?;
        rect
    };
    let png = encode_png(
        &heatmap.rasterize_rgba(rect.width, rect.height),
        rect.width,
        rect.height,
    )?;
    let image = format!(
        r#"<image x="{}" y="{}" width="{}" height="{}" preserveAspectRatio="none" href="data:image/png;base64,{}"/>"#,
        rect.x,
        rect.y,
        rect.width,
        rect.height,
        base64::engine::general_purpose::STANDARD.encode(png)
    );
    replace_placeholder(&out, &image)
}

fn replace_placeholder(svg: &str, element: &str) -> Result<String, ChartError> {
    let missing = || ChartError::Encode("heat map placeholder not found in SVG".into());
    let fill = svg.find(PLACEHOLDER_FILL).ok_or_else(missing)?;
    let start = svg[..fill].rfind("<rect").ok_or_else(missing)?;
    let end = fill + svg[fill..].find("/>").ok_or_else(missing)? + 2;
    Ok(format!("{}{}{}", &svg[..start], element, &svg[end..]))
}

/// An RGBA image as PNG bytes.
pub(crate) fn encode_png(rgba: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder
        .write_header()
        .map_err(|e| ChartError::Encode(e.to_string()))?;
    writer
        .write_image_data(rgba)
        .map_err(|e| ChartError::Encode(e.to_string()))?;
    writer
        .finish()
        .map_err(|e| ChartError::Encode(e.to_string()))?;
    Ok(bytes)
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
