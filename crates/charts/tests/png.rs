mod common;

use common::{grid, ridge, two_gaussians};
use dpm_charts::{
    heatmap_svg, line_chart_svg, svg_to_png, Heatmap, LineChart, Orientation, PlotColor,
    RenderOptions, Series,
};

/// Width, height and RGBA pixels of a PNG.
fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgba);
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

fn share_of(pixels: &[u8], pred: impl Fn(&[u8]) -> bool) -> f64 {
    let n = pixels.len() / 4;
    pixels.chunks_exact(4).filter(|p| pred(p)).count() as f64 / n as f64
}

#[test]
fn line_chart_png_has_the_size_and_ink() {
    let x = grid();
    let q = two_gaussians(&x);
    let chart = LineChart::new("q(x)", &x).with_series(Series::new(&q, PlotColor::Blue));
    let (w, h, px) = decode(
        &svg_to_png(&line_chart_svg(&chart, (480, 320), &RenderOptions::svg(1.0)).unwrap())
            .unwrap(),
    );
    assert_eq!((w, h), (480, 320));
    let ink = share_of(&px, |p| p[..3].iter().any(|&c| c < 200));
    let gray = share_of(&px, |p| p[0] < 160 && p[0] == p[1] && p[1] == p[2]);
    let blue = share_of(&px, |p| p[2] > 150 && p[0] < 80);
    // Text and spines (gray) and the curve (blue) are there; mostly white.
    assert!(ink > 0.01 && ink < 0.3, "ink {ink}");
    assert!(gray > 0.002, "gray {gray}");
    assert!(blue > 0.002, "blue {blue}");
}

#[test]
fn heatmap_png_shows_the_cells() {
    let x = grid();
    let m = ridge(&x);
    let heatmap = Heatmap::new("exp(-(x-z)^2)", &m, 461, 461, Orientation::RowsAlongY);
    let (w, h, px) = decode(
        &svg_to_png(&heatmap_svg(&heatmap, (300, 320), &RenderOptions::svg(1.0)).unwrap()).unwrap(),
    );
    assert_eq!((w, h), (300, 320));
    // Viridis's dark purple end fills the off-diagonal corners.
    let purple = share_of(&px, |p| p[0] < 80 && p[1] < 30 && p[2] > 70);
    assert!(purple > 0.1, "purple {purple}");
}

#[test]
fn text_is_rendered_with_the_embedded_font() {
    // A title alone: only glyphs can put ink on the page.
    let svg = r#"<svg width="120" height="40" xmlns="http://www.w3.org/2000/svg">
<text x="10" y="30" font-family="sans-serif" font-size="20">div=0.1</text></svg>"#;
    let (_, _, px) = decode(&svg_to_png(svg).unwrap());
    assert!(share_of(&px, |p| p[0] < 128) > 0.02);
}
