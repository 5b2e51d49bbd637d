//! Drawing times: `cargo bench -p dpm-charts`. No thresholds; see the
//! numbers when changing the drawing code.

#[path = "../tests/common/mod.rs"]
mod common;

use common::{grid, normal, ridge, Recorder};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use dpm_charts::{
    draw_heatmap_with, draw_line_chart, heatmap_svg, line_chart_svg, Heatmap, LineChart,
    Orientation, RenderOptions, Series, VLine,
};
use plotters::prelude::IntoDrawingArea;

fn four_series(x: &[f64]) -> Vec<Vec<f64>> {
    (0..4)
        .map(|k| {
            x.iter()
                .map(|&v| normal(v, k as f64 * 0.5 - 0.75, 0.2 + 0.1 * k as f64))
                .collect()
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let x = grid();
    let ys = four_series(&x);
    let mut chart = LineChart::new("four series", &x);
    for (i, (y, color)) in ys.iter().zip(common::TAB_COLORS).enumerate() {
        let s = Series::new(y, color).labelled(format!("series {i}"));
        chart = chart.with_series(if i == 1 { s.dashed() } else { s });
    }
    let m = ridge(&x);
    let heatmap = Heatmap::new("posterior", &m, 461, 461, Orientation::RowsAlongY)
        .with_marker(VLine::at(0.2));
    let opts = RenderOptions::svg(2.0);

    c.bench_function("line_chart_svg 4 series 960x640", |b| {
        b.iter(|| line_chart_svg(black_box(&chart), (960, 640), &opts).unwrap())
    });
    c.bench_function("heatmap_svg 461x461 720x720", |b| {
        b.iter(|| heatmap_svg(black_box(&heatmap), (720, 720), &opts).unwrap())
    });
    // The canvas path minus the browser: layout and drawing calls into a
    // backend that does nothing, plus the rasterisation put_cells would do.
    let canvas = RenderOptions::canvas(2.0);
    c.bench_function("draw_line_chart 4 series, null backend", |b| {
        b.iter(|| {
            let (backend, _) = Recorder::new((960, 640), true);
            draw_line_chart(&backend.into_drawing_area(), black_box(&chart), &canvas).unwrap()
        })
    });
    // A chain panel's image (demos 3.1-3.3, 4.2): the matrix shrunk.
    c.bench_function("rasterize_rgba 461x461 to 240x240", |b| {
        b.iter(|| black_box(&heatmap).rasterize_rgba(240, 240))
    });
    c.bench_function("draw_heatmap_with + rasterize_rgba, null backend", |b| {
        b.iter(|| {
            let (backend, _) = Recorder::new((720, 720), true);
            draw_heatmap_with(
                &backend.into_drawing_area(),
                black_box(&heatmap),
                &canvas,
                |r| {
                    black_box(heatmap.rasterize_rgba(r.width, r.height));
                    Ok(())
                },
            )
            .unwrap()
        })
    });
}

criterion_group! {
    name = charts;
    config = Criterion::default()
        .sample_size(20)
        .measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(charts);
