mod common;

use common::{grid, ridge, two_gaussians};
use dpm_charts::demos::{demo_2, demo_3_2, demo_4_1, demo_4_2};
use dpm_charts::{heatmap_svg, line_chart_svg, LineStyle, Orientation, PlotColor, RenderOptions};

#[test]
fn demo_2_fixed_condition_is_green_and_blue_dashed_orange_solid_up_to_5() {
    let x = grid();
    let q = two_gaussians(&x);
    let labels = demo_2::FixedConditionLabels {
        gauss_fun: "GaussFun".into(),
        q_x: "q(x)".into(),
        posterior: "q(x|z=0.2)".into(),
    };
    let chart = demo_2::posterior_fixed_condition("posterior", &x, &q, &q, &q, labels);
    let styles: Vec<(PlotColor, LineStyle)> =
        chart.series.iter().map(|s| (s.color, s.style)).collect();
    assert_eq!(
        styles,
        [
            (PlotColor::Green, LineStyle::Dashed),
            (PlotColor::Blue, LineStyle::Dashed),
            (PlotColor::Orange, LineStyle::Solid)
        ]
    );
    assert_eq!(chart.y_axis.max, 5.0);
    line_chart_svg(&chart, (400, 300), &RenderOptions::svg(1.0)).unwrap();
}

#[test]
fn demo_2_heat_maps_follow_the_engine_layout() {
    let x = grid();
    let m = ridge(&x);
    let likelihood = demo_2::likelihood_heatmap("q(z|x)", &m, 461);
    assert_eq!(likelihood.orientation, Orientation::RowsAlongX);
    assert_eq!(likelihood.x_axis.label.as_deref(), Some("x"));
    let posterior = demo_2::posterior_heatmap("q(x|z)", &m, 461, 0.2);
    assert_eq!(posterior.orientation, Orientation::RowsAlongY);
    assert_eq!(
        posterior.marker.map(|v| (v.x, v.color)),
        Some((0.2, PlotColor::Orange))
    );
    let svg = heatmap_svg(&posterior, (300, 300), &RenderOptions::svg(1.0)).unwrap();
    assert!(common::svg_texts(&svg).iter().any(|t| t == "z"));
}

#[test]
fn demo_3_2_hides_unchecked_curves() {
    let x = grid();
    let q = two_gaussians(&x);
    let panel = demo_3_2::RestorePanel {
        forward: None,
        backward: None,
        noisy: Some((&q, "div=0.0000".into())),
    };
    let chart = demo_3_2::restore_panel("t=0", &x, panel);
    assert_eq!(chart.series.len(), 1);
    assert_eq!(chart.series[0].color, PlotColor::Red);
}

#[test]
fn demo_4_panels_carry_their_divergence_text() {
    let x = grid();
    let q = two_gaussians(&x);
    let out = demo_4_1::outputs_plot("outputs", &x, [&q, &q], "div_out=0.1");
    assert_eq!(out.y_axis.max, 3.8);
    let svg = line_chart_svg(&out, (400, 300), &RenderOptions::svg(1.0)).unwrap();
    assert!(common::svg_texts(&svg).iter().any(|t| t == "div_out=0.1"));
    let panel = demo_4_2::converging_panel("n=1", &x, &q, &q, Some("div=0.2".into()));
    assert_eq!(panel.annotations.len(), 1);
}
