//! Renders sample charts as SVG and PNG into a folder (default `/tmp`):
//! `cargo run -p dpm-charts --example samples -- /tmp/charts [scale]`.
//! The data is made up here; the real curves come from the engine.

use dpm_charts::{
    demos, heatmap_svg, line_chart_svg, svg_grid, svg_to_png, Annotation, Corner, Heatmap,
    LineChart, Orientation, PlotColor, RenderOptions, Series, VLine,
};

fn grid() -> Vec<f64> {
    let res = (2.3 - (-2.3)) / 460.0;
    (0..461)
        .map(|i| if i == 460 { 2.3 } else { i as f64 * res - 2.3 })
        .collect()
}

fn normal(x: f64, mean: f64, std: f64) -> f64 {
    (-(x - mean).powi(2) / (2.0 * std * std)).exp() / (std * (2.0 * std::f64::consts::PI).sqrt())
}

/// `svg` as `{dir}/{name}.svg` and rasterised as `{dir}/{name}.png` (the
/// same PNG as `svg_to_png` makes of the chart's SVG).
fn save(dir: &str, name: &str, svg: &str) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::write(format!("{dir}/{name}.svg"), svg)?;
    std::fs::write(format!("{dir}/{name}.png"), svg_to_png(svg)?)?;
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "/tmp".into());
    let scale: f64 = match std::env::args().nth(2) {
        Some(s) => s.parse()?,
        None => 2.0,
    };
    let px = |css: u32| (f64::from(css) * scale).round() as u32;
    std::fs::create_dir_all(&dir)?;
    let x = grid();
    let q: Vec<f64> = x
        .iter()
        .map(|&v| 0.4 * normal(v, -0.8, 0.15) + 0.6 * normal(v, 0.6, 0.3))
        .collect();
    let gauss: Vec<f64> = x.iter().map(|&v| normal(v, 0.3, 0.25)).collect();
    let post: Vec<f64> = q.iter().zip(&gauss).map(|(a, b)| a * b * 1.6).collect();

    let chart = LineChart::new("posterior with fixed condition", &x)
        .with_y_max(5.0)
        .with_series(Series::new(&q, PlotColor::Blue).dashed().labelled("q(x)"))
        .with_series(
            Series::new(&gauss, PlotColor::Green)
                .dashed()
                .labelled("GaussFun"),
        )
        .with_series(Series::new(&post, PlotColor::Orange).labelled("q(x|z=0.3)"))
        .with_marker(VLine::at(0.3))
        .with_annotation(Annotation::new("div=0.0123").in_corner(Corner::UpperLeft));
    let opts = RenderOptions::svg(scale);
    let size = (px(480), px(320));
    save(&dir, "line_chart", &line_chart_svg(&chart, size, &opts)?)?;

    let matrix: Vec<f64> = x
        .iter()
        .flat_map(|&xi| x.iter().map(move |&zj| (-(xi - zj).powi(2)).exp()))
        .collect();
    let heatmap = Heatmap::new("exp(-(x-z)^2)", &matrix, 461, 461, Orientation::RowsAlongY)
        .with_marker(VLine::at(0.2));
    let size = (px(360), px(360));
    save(&dir, "heatmap", &heatmap_svg(&heatmap, size, &opts)?)?;

    // Demo 2's heat maps of a ridge z = 0.5 x: shallow with x across (the
    // likelihood view), steep with z across (the posterior view).
    let slanted: Vec<f64> = x
        .iter()
        .flat_map(|&xi| {
            x.iter()
                .map(move |&zj| (-(zj - 0.5 * xi).powi(2) / 0.05).exp())
        })
        .collect();
    let likelihood = demos::demo_2::likelihood_heatmap("q(z|x)", &slanted, 461);
    let posterior = demos::demo_2::posterior_heatmap("q(x|z)", &slanted, 461, 0.2);
    let size = (px(300), px(300));
    let pair = [
        heatmap_svg(&likelihood, size, &opts)?,
        heatmap_svg(&posterior, size, &opts)?,
    ];
    let sheet = svg_grid(&pair, size, 2);
    std::fs::write(format!("{dir}/demo_2_heatmaps.png"), svg_to_png(&sheet)?)?;

    // Small multiples, as Demo 3.1 shows eight to a row.
    let cell = (px(150), px(120));
    let mut cells = Vec::new();
    for t in 0..8 {
        let a = 1.0 - 0.1 * t as f64;
        let y: Vec<f64> = x
            .iter()
            .map(|&v| {
                0.4 * normal(v, -0.8 * a, 0.15 + t as f64 * 0.1)
                    + 0.6 * normal(v, 0.6 * a, 0.3 + t as f64 * 0.08)
            })
            .collect();
        let chart = LineChart::new(format!("\u{3b1}={a:.2}"), &x)
            .with_series(Series::new(&y, PlotColor::Blue));
        cells.push(line_chart_svg(&chart, cell, &opts)?);
    }
    save(&dir, "grid", &svg_grid(&cells, cell, 4))?;
    println!("wrote {dir}/line_chart.{{svg,png}}, heatmap.{{svg,png}}, grid.{{svg,png}}, demo_2_heatmaps.png");
    Ok(())
}
