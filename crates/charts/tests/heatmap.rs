mod common;

use common::{grid, record, ridge, Recorder};
use dpm_charts::{
    draw_heatmap, draw_heatmap_with, heatmap_svg, rasterize_rgba, viridis, Heatmap, Orientation,
    PlotRect, RenderOptions, VLine, ValueRange, VIRIDIS,
};
use plotters::prelude::IntoDrawingArea;

fn pixel(rgba: &[u8], w: u32, x: u32, y: u32) -> [u8; 4] {
    let o = ((y * w + x) * 4) as usize;
    [rgba[o], rgba[o + 1], rgba[o + 2], rgba[o + 3]]
}

fn opaque(c: [u8; 3]) -> [u8; 4] {
    [c[0], c[1], c[2], 255]
}

#[test]
fn known_values_map_to_known_viridis_colours() {
    // One row: 0, 0.5, 1 on a fixed 0..1 range.
    let m = [0.0, 0.5, 1.0];
    let img = rasterize_rgba(
        &m,
        1,
        3,
        3,
        1,
        Orientation::RowsAlongY,
        ValueRange::Fixed { min: 0.0, max: 1.0 },
    );
    assert_eq!(pixel(&img, 3, 0, 0), [0x44, 0x01, 0x54, 255]);
    assert_eq!(pixel(&img, 3, 1, 0), [0x21, 0x91, 0x8c, 255]);
    assert_eq!(pixel(&img, 3, 2, 0), [0xfd, 0xe7, 0x25, 255]);
    // Auto range stretches min..max over the whole map.
    let m = [10.0, 20.0];
    let img = rasterize_rgba(&m, 1, 2, 2, 1, Orientation::RowsAlongY, ValueRange::Auto);
    assert_eq!(pixel(&img, 2, 0, 0), opaque(VIRIDIS[0]));
    assert_eq!(pixel(&img, 2, 1, 0), opaque(VIRIDIS[255]));
}

#[test]
fn row_zero_is_at_the_bottom() {
    // 2 x 2: row 0 = [0, 0], row 1 = [1, 1].
    let m = [0.0, 0.0, 1.0, 1.0];
    let range = ValueRange::Fixed { min: 0.0, max: 1.0 };
    let img = rasterize_rgba(&m, 2, 2, 4, 4, Orientation::RowsAlongY, range);
    let (low, high) = (opaque(VIRIDIS[0]), opaque(VIRIDIS[255]));
    for x in 0..4 {
        assert_eq!(
            pixel(&img, 4, x, 3),
            low,
            "bottom pixel row is matrix row 0"
        );
        assert_eq!(pixel(&img, 4, x, 0), high, "top pixel row is matrix row 1");
    }
    // Transposed: rows run across, so row 0 is the left half.
    let img = rasterize_rgba(&m, 2, 2, 4, 4, Orientation::RowsAlongX, range);
    for y in 0..4 {
        assert_eq!(pixel(&img, 4, 0, y), low);
        assert_eq!(pixel(&img, 4, 3, y), high);
    }
}

#[test]
fn non_square_matrix_keeps_its_corners() {
    // 2 rows x 3 cols, a single hot cell at row 0, col 2: bottom right.
    let m = [0.0, 0.0, 1.0, 0.0, 0.0, 0.0];
    let range = ValueRange::Fixed { min: 0.0, max: 1.0 };
    let img = rasterize_rgba(&m, 2, 3, 30, 20, Orientation::RowsAlongY, range);
    assert_eq!(pixel(&img, 30, 29, 19), opaque(VIRIDIS[255]));
    assert_eq!(pixel(&img, 30, 0, 0), opaque(VIRIDIS[0]));
    // Transposed: row 0 is x, col 2 is the top: top left.
    let img = rasterize_rgba(&m, 2, 3, 20, 30, Orientation::RowsAlongX, range);
    assert_eq!(pixel(&img, 20, 0, 0), opaque(VIRIDIS[255]));
    assert_eq!(pixel(&img, 20, 19, 29), opaque(VIRIDIS[0]));
}

#[test]
fn shrinking_averages_so_a_one_cell_ridge_survives() {
    // A 461 x 461 identity drawn in 200 x 200 pixels: every pixel on the
    // diagonal still sees part of the ridge.
    let n = 461;
    let mut m = vec![0.0; n * n];
    for i in 0..n {
        m[i * n + i] = 1.0;
    }
    let img = rasterize_rgba(
        &m,
        n,
        n,
        200,
        200,
        Orientation::RowsAlongY,
        ValueRange::Auto,
    );
    for k in 0..200 {
        let on_diagonal = pixel(&img, 200, k, 199 - k);
        assert_ne!(on_diagonal, opaque(VIRIDIS[0]), "ridge lost at {k}");
    }
}

#[test]
fn nan_is_transparent_and_infinities_clamp() {
    let m = [f64::NAN, f64::NEG_INFINITY, 0.0, 1.0, f64::INFINITY];
    let img = rasterize_rgba(&m, 1, 5, 5, 1, Orientation::RowsAlongY, ValueRange::Auto);
    assert_eq!(pixel(&img, 5, 0, 0)[3], 0);
    assert_eq!(pixel(&img, 5, 1, 0), opaque(VIRIDIS[0]));
    assert_eq!(pixel(&img, 5, 4, 0), opaque(VIRIDIS[255]));
    assert_eq!(viridis(0.5), Some(VIRIDIS[128]));
}

#[test]
fn blitting_backend_gets_one_blit_and_no_pixels() {
    let x = grid();
    let m = ridge(&x);
    let heatmap =
        Heatmap::new("q(x|z)", &m, 461, 461, Orientation::RowsAlongY).with_marker(VLine::at(0.2));
    let (rect, log) = record((400, 400), true, |area| {
        draw_heatmap(area, &heatmap, &RenderOptions::canvas(1.0))
    });
    let log = log.borrow();
    assert_eq!(log.pixels, 0);
    assert_eq!(log.blits.len(), 1);
    let (pos, size, bytes) = log.blits[0];
    assert_eq!(pos, (rect.x, rect.y));
    assert_eq!(size, (rect.width, rect.height));
    assert_eq!(bytes, (rect.width * rect.height * 3) as usize);
    assert_eq!(rect.width, rect.height, "square by default");
    assert!(log.texts.iter().any(|t| t == "q(x|z)"));
}

#[test]
fn callback_path_draws_no_pixels_and_reports_the_plot_rect() {
    let x = grid();
    let m = ridge(&x);
    let heatmap = Heatmap::new("", &m, 461, 461, Orientation::RowsAlongX);
    let opts = RenderOptions::canvas(2.0);
    // A canvas-like backend without a fast blit, placed as a sub-area to
    // check that the rectangle is absolute.
    let (backend, log) = Recorder::new((900, 700), false);
    let root = backend.into_drawing_area();
    let (_, right) = root.split_horizontally(300);
    let mut seen: Vec<PlotRect> = Vec::new();
    let rect = draw_heatmap_with(&right, &heatmap, &opts, |r| {
        seen.push(r);
        Ok(())
    })
    .unwrap();
    assert_eq!(seen, vec![rect]);
    assert_eq!(log.borrow().pixels, 0);
    assert!(rect.x >= 300);
    let relative = heatmap.plot_rect((600, 700), &opts);
    assert_eq!(
        rect,
        PlotRect {
            x: relative.x + 300,
            ..relative
        }
    );
}

#[test]
fn svg_embeds_one_image_under_the_marker() {
    let x = grid();
    let m = ridge(&x);
    let heatmap = Heatmap::new("likelihood", &m, 461, 461, Orientation::RowsAlongY)
        .with_marker(VLine::at(0.2));
    let svg = heatmap_svg(&heatmap, (360, 360), &RenderOptions::svg(1.0)).unwrap();
    assert_eq!(svg.matches("<image").count(), 1);
    let texts = common::svg_texts(&svg);
    let has = |t: &str| texts.iter().any(|s| s == t);
    assert!(
        has("likelihood") && has("\u{2212}2") && has("2"),
        "{texts:?}"
    );
    assert!(!svg.contains("#010203"), "placeholder left behind");
    let image_at = svg.find("<image").unwrap();
    let marker_at = svg.find("stroke=\"#FF7F0E\"").unwrap();
    assert!(image_at < marker_at, "marker must be drawn over the cells");
    assert!(svg.trim_end().ends_with("</svg>"));
    // Few elements: the cells are not drawn one by one.
    assert!(svg.lines().count() < 100, "{} lines", svg.lines().count());
}

#[test]
fn wrong_matrix_size_is_an_error() {
    let m = vec![0.0; 10];
    let heatmap = Heatmap::new("", &m, 3, 3, Orientation::RowsAlongY);
    assert!(heatmap_svg(&heatmap, (200, 200), &RenderOptions::svg(1.0)).is_err());
}
