//! The article's computed figures (`dpm_charts::figures`): each builder
//! lays out what it is given, words from the caller, and every panel draws
//! to SVG; heat-map cells travel as one small indexed PNG.
mod common;

use dpm_charts::figures::{self as cf, FigureChart, Ink, Mark};
use dpm_charts::{PlotColor, RenderOptions};

/// Words that echo their key, so a test can see which key went where.
fn echo(key: &str) -> String {
    match key {
        "c2.title" => "({tag}) alpha={alpha}".into(),
        "c2.nonzero" => "{pct}% > {floor}".into(),
        "d4.posterior" => "q(x|z={z})".into(),
        "d.gap" => "gap {gap}={ratio}s".into(),
        "d5.value" => "value {value}".into(),
        k => format!("[{k}]"),
    }
}

fn svg(panel: &cf::Panel<'_>) -> String {
    cf::figure_chart_svg(&panel.chart, panel.size, &RenderOptions::svg(1.0)).unwrap()
}

#[test]
fn fill_replaces_every_placeholder_and_numbers_use_a_real_minus() {
    assert_eq!(
        cf::fill("{a} and {b}, {a}", &[("a", "1"), ("b", "2")]),
        "1 and 2, 1"
    );
    assert_eq!(cf::num(-0.5, 2), "\u{2212}0.50");
    assert_eq!(cf::num(-0.0001, 2), "0.00");
    assert_eq!(cf::short(0.6000, 4), "0.6");
    assert_eq!(cf::short(2.0, 2), "2");
    assert_eq!(cf::superscript("\u{2212}20"), "⁻²⁰");
}

#[test]
fn c1_tables_mark_mixed_rows_and_carry_both_norms() {
    let states = [-2.0, -1.0, 0.0, 1.0, 2.0];
    let mut transition = [[0.0; 5]; 5];
    (0..5).for_each(|i| transition[i][i] = 1.0);
    let p = [0.2; 5];
    let q = [0.1, 0.3, 0.2, 0.2, 0.2];
    let diff = [0.1, -0.1, 0.0, 0.0, 0.0];
    let mut terms = [[0.0; 5]; 5];
    terms[0] = [0.05, -0.02, 0.0, 0.0, 0.0];
    let view = cf::L1View {
        states: &states,
        transition: &transition,
        p: &p,
        q: &q,
        diff: &diff,
        terms: &terms,
        out_terms: &[0.03, 0.0, 0.0, 0.0, 0.0],
        bound_terms: &[0.07, 0.0, 0.0, 0.0, 0.0],
        signs_agree: &[false, true, true, true, true],
        l1_in: 0.2,
        l1_out: 0.16,
    };
    let w = |k: &str| echo(k);
    let panels = cf::c1_panels(&view, &w);
    assert_eq!(panels.len(), 2);
    let FigureChart::Table(terms_table) = &panels[0].chart else {
        panic!("C.1 (a) is a table")
    };
    assert_eq!(terms_table.title, "[c1.terms_title]");
    // Header, p - q, five rows, totals; nine columns each.
    assert_eq!(terms_table.rows.len(), 8);
    assert!(terms_table.rows.iter().all(|r| r.cells.len() == 9));
    let relation = |r: usize| terms_table.rows[r].cells[7].text.clone();
    assert_eq!(relation(2), "<");
    assert_eq!(relation(3), "=");
    assert_eq!(relation(7), "<");
    let first = &terms_table.rows[2].cells;
    assert_eq!(first[1].text, "+0.050");
    assert_eq!(first[1].fill, Some(PlotColor::Red));
    assert_eq!(first[2].text, "\u{2212}0.020");
    assert_eq!(first[2].fill, Some(PlotColor::Blue));
    assert_eq!(first[3].fill, None);
    let drawn = svg(&panels[0]);
    let texts = common::svg_texts(&drawn);
    for want in ["0.160", "0.200", "[c1.out_head]", "+0.100"] {
        assert!(texts.iter().any(|t| t == want), "{want} in {texts:?}");
    }
    svg(&panels[1]);
}

#[test]
fn c2_panel_embeds_one_indexed_png_at_matrix_resolution() {
    let n = 61;
    let log2: Vec<f64> = (0..n * n)
        .map(|k| -20.0 + 24.0 * ((k % n) as f64 / n as f64))
        .collect();
    let w = |k: &str| echo(k);
    let panel = cf::c2_panel("a", 0.95, &log2, n, (-3.0, 3.0), -20.0, 1234, &w);
    let FigureChart::Heat { map, colorbar, .. } = &panel.chart else {
        panic!("C.2 is a heat map")
    };
    assert_eq!(map.title, "(a) alpha=0.95");
    let bar = colorbar.as_ref().expect("a colour bar");
    assert_eq!((bar.min, bar.max), (-20.0, 4.0));
    let (png, width, height) = cf::cells_png(map).unwrap();
    assert_eq!((width, height), (61, 61));
    // PNG colour type 3 (indexed) in the IHDR chunk.
    assert_eq!(png[25], 3);
    let doc = svg(&panel);
    assert_eq!(doc.matches("data:image/png;base64,").count(), 1);
    assert!(!doc.contains("#010203"), "placeholder replaced");
    let texts = common::svg_texts(&doc);
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("33.2%") && t.ends_with("2⁻²⁰")),
        "{texts:?}"
    );
}

#[test]
fn support_panels_outline_the_support_and_the_unidirectional_blocks() {
    let n = 121;
    let x: Vec<f64> = (0..n).map(|i| -3.0 + 0.05 * i as f64).collect();
    let q: Vec<f64> = x
        .iter()
        .map(|&v| if v.abs() <= 1.5 { 0.33 } else { 0.0 })
        .collect();
    let probes = vec![
        (
            -1.5,
            x.iter().map(|&v| common::normal(v, -1.5, 0.2)).collect(),
        ),
        (
            1.5,
            x.iter().map(|&v| common::normal(v, 1.5, 0.2)).collect(),
        ),
    ];
    let log2 = vec![-20.0; n * n];
    let support = [(-1.5, 1.5)];
    let extension = [(-2.7, -1.55), (1.55, 2.7)];
    let view = cf::SupportView {
        x: &x,
        q_x: &q,
        probes: &probes,
        support: &support,
        gaps: &[],
        extension: &extension,
        beta: 0.04,
        sigma: 0.2,
        log2_posterior: &log2,
        log2_power: &log2,
        floor: -20.0,
        power: 16384,
        classes: 1,
    };
    let w = |k: &str| echo(k);
    let panels = cf::support_panels(&view, &w);
    assert_eq!(panels.len(), 3);
    let FigureChart::Heat { map, .. } = &panels[1].chart else {
        panic!("(b) is a heat map")
    };
    let marks = &map.marks;
    let outlines: Vec<_> = marks
        .iter()
        .filter_map(|m| match m {
            Mark::Outline { x, y, ink, .. } => Some((*x, *y, *ink)),
            _ => None,
        })
        .collect();
    let orange = Ink::Plot(PlotColor::Orange);
    assert!(outlines.contains(&((-1.5, 1.5), (-1.5, 1.5), Ink::White)));
    assert!(outlines.contains(&((-2.7, -1.55), (-1.5, 1.5), orange)));
    assert!(outlines.contains(&((1.55, 2.7), (-1.5, 1.5), orange)));
    let labels: Vec<&str> = marks
        .iter()
        .filter_map(|m| match m {
            Mark::Label { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    for want in [
        "[d.support]",
        "[d.inaccessible]",
        "[d.unidirectional]",
        "[d.extension]",
    ] {
        assert!(labels.contains(&want), "{want} in {labels:?}");
    }
    for p in &panels {
        let doc = svg(p);
        assert!(doc.starts_with("<svg"));
    }
    assert_eq!(panels[2].chart.title(), "[d.power_title]");
}

#[test]
fn deviation_panels_share_a_y_range_and_mark_the_value_at_z() {
    let x: Vec<f64> = (0..801).map(|i| -3.0 + 0.01 * i as f64).collect();
    let q: Vec<f64> = x.iter().map(|&v| common::normal(v, 0.0, 1.0)).collect();
    let g: Vec<f64> = x.iter().map(|&v| common::normal(v, 2.58, 0.82)).collect();
    let post: Vec<f64> = x.iter().map(|&v| common::normal(v, 1.5, 0.6)).collect();
    let view = cf::DeviationView {
        x: &x,
        q_x: &q,
        gauss_fun: &g,
        posterior: &post,
        alpha: 0.6,
        beta: 0.4,
        z: 2.0,
        centre: 2.58,
        sigma: 0.82,
        deviation: 0.58,
        value_at_z: 0.0,
    };
    let y_max = cf::deviation_y_max(&[view]);
    assert!(y_max >= 0.66 * 1.5 - 1e-9);
    let w = |k: &str| echo(k);
    let p = cf::d4_panel("d", &view, false, y_max, &w);
    let FigureChart::Line(chart) = &p.chart else {
        panic!("D.4 is a line chart")
    };
    let styles: Vec<PlotColor> = chart.series.iter().map(|s| s.color).collect();
    assert_eq!(
        styles,
        [PlotColor::Green, PlotColor::Blue, PlotColor::Orange]
    );
    assert_eq!(chart.y_axis.max, y_max);
    assert!(chart
        .marks
        .iter()
        .any(|m| matches!(m, Mark::Bracket { x, .. } if *x == (2.0, 2.58))));
    svg(&p);
    let p = cf::d5_panel(&view, &w);
    let doc = svg(&p);
    assert!(common::svg_texts(&doc).iter().any(|t| t == "value 0"));
}
