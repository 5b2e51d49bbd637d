mod common;

use common::{grid, record, two_gaussians};
use dpm_charts::{
    draw_line_chart, line_chart_svg, Annotation, Axis, ChartError, Corner, LineChart, PlotColor,
    RenderOptions, Series, VLine,
};

/// Polylines in `svg` stroked with `color` (hex as plotters writes it).
fn polylines(svg: &str, color: &str) -> usize {
    svg.lines()
        .filter(|l| l.starts_with("<polyline") && l.contains(&format!("stroke=\"{color}\"")))
        .count()
}

/// q(x), GaussFun at z = 0.2 and their product.
fn posterior_curves(x: &[f64]) -> [Vec<f64>; 3] {
    let q = two_gaussians(x);
    let g: Vec<f64> = x.iter().map(|&v| common::normal(v, 0.2, 0.3)).collect();
    let p: Vec<f64> = q.iter().zip(&g).map(|(a, b)| a * b).collect();
    [q, g, p]
}

fn posterior_chart<'a>(x: &'a [f64], q: &'a [f64], g: &'a [f64], p: &'a [f64]) -> LineChart<'a> {
    LineChart::new("posterior with fixed condition", x)
        .with_y_max(5.0)
        .with_series(Series::new(q, PlotColor::Blue).dashed().labelled("q(x)"))
        .with_series(
            Series::new(g, PlotColor::Green)
                .dashed()
                .labelled("GaussFun"),
        )
        .with_series(Series::new(p, PlotColor::Orange).labelled("q(x|z)"))
}

/// The posterior chart with an annotation and a marker at z, 640 x 420 SVG.
fn annotated_posterior_svg(opts: &RenderOptions) -> String {
    let x = grid();
    let [q, g, p] = posterior_curves(&x);
    let chart = posterior_chart(&x, &q, &g, &p)
        .with_annotation(Annotation::new("div=0.0123").in_corner(Corner::UpperLeft))
        .with_marker(VLine::at(0.2));
    line_chart_svg(&chart, (640, 420), opts).unwrap()
}

#[test]
fn svg_has_title_legend_ticks_and_one_path_per_solid_series() {
    let svg = annotated_posterior_svg(&RenderOptions::svg(1.0));

    let texts = common::svg_texts(&svg);
    for text in [
        "posterior with fixed condition",
        "q(x)",
        "GaussFun",
        "q(x|z)",
        "div=0.0123",
        "\u{2212}2",
        "\u{2212}1",
        "0",
        "2",
        "5",
    ] {
        assert!(
            texts.iter().any(|t| t == text),
            "missing {text} in {texts:?}"
        );
    }
    // The solid orange curve is one polyline plus its legend sample; the
    // dashed ones are many dashes.
    assert_eq!(polylines(&svg, "#FF7F0E"), 2);
    assert!(polylines(&svg, "#1F77B4") > 10);
    assert!(polylines(&svg, "#2CA02C") > 10);
    // The marker is a straight orange line.
    assert!(svg
        .lines()
        .any(|l| l.starts_with("<line") && l.contains("stroke=\"#FF7F0E\"")));
}

#[test]
fn four_series_draw_four_paths_without_legend_when_unlabelled() {
    let x = grid();
    let ys: Vec<Vec<f64>> = (0..4)
        .map(|k| {
            x.iter()
                .map(|&v| common::normal(v, k as f64 * 0.5 - 0.75, 0.3))
                .collect()
        })
        .collect();
    let mut chart = LineChart::new("four", &x);
    for (y, c) in ys.iter().zip(common::TAB_COLORS) {
        chart = chart.with_series(Series::new(y, c));
    }
    let svg = line_chart_svg(&chart, (500, 300), &RenderOptions::svg(1.0)).unwrap();
    for hex in ["#1F77B4", "#FF7F0E", "#2CA02C", "#D62728"] {
        assert_eq!(polylines(&svg, hex), 1, "{hex}");
    }
    // Default y axis 0..3.2 gets matplotlib's half steps.
    let texts = common::svg_texts(&svg);
    let has = |t: &str| texts.iter().any(|s| s == t);
    assert!(has("0.5") && has("3.0") && !has("3.5"), "{texts:?}");
}

#[test]
fn curve_above_the_y_range_is_clipped_into_separate_pieces() {
    let x = grid();
    // Two peaks of height 4 on a 0..3.2 axis: three visible pieces.
    let y: Vec<f64> = x
        .iter()
        .map(|&v| 4.0 * ((-(v + 1.0).powi(2) * 20.0).exp() + (-(v - 1.0).powi(2) * 20.0).exp()))
        .collect();
    let chart = LineChart::new("", &x).with_series(Series::new(&y, PlotColor::Red));
    let (rect, log) = record((400, 300), true, |area| {
        draw_line_chart(area, &chart, &RenderOptions::svg(1.0))
    });
    let red = log
        .borrow()
        .paths
        .iter()
        .filter(|(c, _)| *c == PlotColor::Red.rgb())
        .count();
    assert_eq!(red, 3);
    assert!(rect.width > 300 && rect.height > 200, "{rect:?}");
}

#[test]
fn nan_values_leave_a_gap() {
    let x = grid();
    let mut y = two_gaussians(&x);
    y[200] = f64::NAN;
    let chart = LineChart::new("", &x).with_series(Series::new(&y, PlotColor::Blue));
    let svg = line_chart_svg(&chart, (400, 300), &RenderOptions::svg(1.0)).unwrap();
    assert_eq!(polylines(&svg, "#1F77B4"), 2);
}

#[test]
fn mismatched_lengths_are_an_error_not_a_panic() {
    let x = grid();
    let y = vec![0.0; 10];
    let chart = LineChart::new("", &x).with_series(Series::new(&y, PlotColor::Blue));
    let err = line_chart_svg(&chart, (400, 300), &RenderOptions::svg(1.0)).unwrap_err();
    assert!(matches!(err, ChartError::Spec(_)), "{err}");
    let mut chart = LineChart::new("", &x);
    chart.y_axis = Axis::new(1.0, 1.0);
    assert!(line_chart_svg(&chart, (400, 300), &RenderOptions::svg(1.0)).is_err());
}

#[test]
fn text_scales_with_the_device_pixel_ratio() {
    let x = grid();
    let q = two_gaussians(&x);
    let chart = LineChart::new("q(x)", &x).with_series(Series::new(&q, PlotColor::Blue));
    let font_size = |svg: &str| -> f64 {
        let at = svg.find("\nq(x)\n").unwrap();
        let line = svg[..at].lines().last().unwrap();
        let at = line.find("font-size=\"").unwrap() + 11;
        line[at..].split('"').next().unwrap().parse().unwrap()
    };
    let one = line_chart_svg(&chart, (480, 320), &RenderOptions::svg(1.0)).unwrap();
    let two = line_chart_svg(&chart, (960, 640), &RenderOptions::svg(2.0)).unwrap();
    assert!((font_size(&two) / font_size(&one) - 2.0).abs() < 0.01);
    // The plot area scales with it.
    let r1 = chart.plot_rect((480, 320), &RenderOptions::svg(1.0));
    let r2 = chart.plot_rect((960, 640), &RenderOptions::svg(2.0));
    assert!((f64::from(r2.width) / f64::from(r1.width) - 2.0).abs() < 0.02);
}

#[test]
fn tiny_and_zero_sized_charts_do_not_panic() {
    let x = grid();
    let q = two_gaussians(&x);
    let chart = LineChart::new("q(x)", &x)
        .with_series(Series::new(&q, PlotColor::Blue).labelled("q"))
        .with_annotation(Annotation::new("div=1"));
    for size in [(1, 1), (20, 10), (90, 60)] {
        line_chart_svg(&chart, size, &RenderOptions::canvas(1.0)).unwrap();
    }
}

#[test]
fn svg_snapshot_is_stable() {
    let x = grid();
    let [q, g, p] = posterior_curves(&x);
    let chart = posterior_chart(&x, &q, &g, &p)
        .with_annotation(Annotation::new("div=0.0123"))
        .with_marker(VLine::at(0.2));
    let svg = line_chart_svg(&chart, (480, 320), &RenderOptions::svg(1.0)).unwrap();
    common::check_snapshot("posterior_line_chart.svg", &svg);
}

#[test]
fn translated_titles_are_escaped_and_rasterise() {
    let x = grid();
    let q = two_gaussians(&x);
    let chart = LineChart::new("\u{540e}\u{9a8c} <q&p>", &x)
        .with_series(Series::new(&q, PlotColor::Blue).labelled("\u{6570}\u{636e} q(x)"));
    let svg = line_chart_svg(&chart, (400, 300), &RenderOptions::svg(1.0)).unwrap();
    let texts = common::svg_texts(&svg);
    assert!(
        texts
            .iter()
            .any(|t| t == "\u{540e}\u{9a8c} &lt;q&amp;p&gt;"),
        "{texts:?}"
    );
    dpm_charts::svg_to_png(&svg).unwrap();
}

/// The dark theme repaints every colour: the background, text, axes and the
/// plot colours change, nothing of the light palette is left, and the
/// series keep their identities (one colour each).
#[test]
fn dark_theme_uses_the_dark_palette_only() {
    use dpm_charts::{Palette, Theme};
    let hex = |(r, g, b): (u8, u8, u8)| format!("#{r:02X}{g:02X}{b:02X}");
    let light = annotated_posterior_svg(&RenderOptions::svg(1.0));
    let dark = annotated_posterior_svg(&RenderOptions::svg(1.0).with_theme(Theme::Dark));
    let (lp, dp) = (Palette::LIGHT, Palette::DARK);
    for (l, d) in [
        (lp.background, dp.background),
        (lp.text, dp.text),
        (lp.spine, dp.spine),
        (lp.grid, dp.grid),
    ] {
        assert!(
            light.contains(&hex(l)) && !dark.contains(&hex(l)),
            "{}",
            hex(l)
        );
        assert!(dark.contains(&hex(d)), "{}", hex(d));
    }
    for c in [PlotColor::Blue, PlotColor::Green, PlotColor::Orange] {
        assert_eq!(
            polylines(&light, &hex(c.rgb())),
            polylines(&dark, &hex(c.rgb_dark()))
        );
        assert!(polylines(&dark, &hex(c.rgb_dark())) > 0);
        assert_eq!(polylines(&dark, &hex(c.rgb())), 0);
    }
}

/// WCAG contrast: text at 4.5:1 and plot lines at 3:1 or more on the
/// background, in both themes.
#[test]
fn both_palettes_meet_wcag_aa() {
    use dpm_charts::{Palette, Theme};
    fn lum((r, g, b): (u8, u8, u8)) -> f64 {
        let f = |c: u8| {
            let s = f64::from(c) / 255.0;
            if s <= 0.03928 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)
    }
    let ratio = |a, b| {
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    };
    for p in [Palette::LIGHT, Palette::DARK] {
        assert!(ratio(p.text, p.background) >= 4.5, "{:?} text", p.theme);
        assert!(
            ratio(p.soft_text, p.background) >= 4.5,
            "{:?} soft text",
            p.theme
        );
        assert!(ratio(p.spine, p.background) >= 3.0, "{:?} axes", p.theme);
    }
    // The lifted colours on the dark background (the light ones are the
    // original's matplotlib colours, kept as they are).
    let p = Palette::of(Theme::Dark);
    for c in [
        PlotColor::Blue,
        PlotColor::Orange,
        PlotColor::Green,
        PlotColor::Red,
        PlotColor::Gray,
        PlotColor::Black,
    ] {
        assert!(ratio(p.plot_rgb(c), p.background) >= 4.5, "{c:?}");
    }
}

#[test]
fn merged_strokes_draw_the_same_picture_with_fewer_elements() {
    let svg = annotated_posterior_svg(&RenderOptions::svg(1.0));
    let merged = dpm_charts::merge_strokes(&svg);
    let elements = |s: &str| s.matches('<').count() - s.matches("</").count();
    // Dashes and grid rules, one element each before, are a few paths after.
    assert!(polylines(&svg, "#1F77B4") > 10);
    assert_eq!(polylines(&merged, "#1F77B4"), 0);
    assert!(
        elements(&merged) * 3 < elements(&svg),
        "{} -> {}",
        elements(&svg),
        elements(&merged)
    );
    // Everything else is left as it was: the texts, the marker's colour.
    assert_eq!(common::svg_texts(&merged), common::svg_texts(&svg));
    assert!(merged.contains("stroke=\"#FF7F0E\""));
    // Rasterised, the two documents are the same pixels.
    let png = |s: &str| dpm_charts::svg_to_png(s).unwrap();
    assert!(
        png(&merged) == png(&svg),
        "the merged SVG draws differently"
    );
    // A lone point survives as a move, and is a valid path.
    let lone = "<polyline fill=\"none\" opacity=\"1\" stroke=\"#000000\" stroke-width=\"2\" points=\"1,2 \"/>";
    let two = format!("{lone}\n{lone}\n");
    assert!(dpm_charts::merge_strokes(&two).contains("d=\"M1,2M1,2\""));
}
