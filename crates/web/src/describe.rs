//! The text alternative of a chart canvas: its title and its key numbers,
//! in the page's language, renewed on every redraw (`aria-label` of the
//! `canvas[role=img]`, see [`crate::canvas::Plot`]). A line chart says where
//! each curve peaks and what its corner notes say (JS distances); a heat map
//! its size and value range and where its marker line is.

use dpm_charts::{Heatmap, LineChart, PlotColor};

use crate::i18n::{self, Lang};

/// `title: curve peaks at … ; notes` for a line chart.
pub fn line_chart(chart: &LineChart<'_>, lang: Lang) -> String {
    let mut parts = Vec::new();
    for s in &chart.series {
        let peak = chart
            .x
            .iter()
            .zip(s.y)
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .max_by(|a, b| a.1.total_cmp(b.1));
        let name = s
            .label
            .clone()
            .unwrap_or_else(|| colour(s.color, lang).into());
        parts.push(match (peak, lang) {
            (Some((x, y)), Lang::En) => format!("{name} peaks at {} (x = {})", num(*y), num(*x)),
            (Some((x, y)), Lang::Zh) => format!("{name}的峰值 {}（x = {}）", num(*y), num(*x)),
            (None, Lang::En) => format!("{name}: no values"),
            (None, Lang::Zh) => format!("{name}：无数值"),
        });
    }
    for a in &chart.annotations {
        parts.push(a.text.clone());
    }
    if let Some(m) = &chart.marker {
        parts.push(marker(m.x, lang));
    }
    join(&chart.title, &parts, lang)
}

/// The smallest and largest finite value of a heat map's matrix (a pass
/// over every cell: callers keep it while the matrix stays the same).
pub fn value_range(map: &Heatmap<'_>) -> (f64, f64) {
    map.matrix
        .iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        })
}

/// `title: heat map, rows × cols, values min to max; marker` for a heat map
/// whose [`value_range`] is `(lo, hi)`.
pub fn heatmap(map: &Heatmap<'_>, (lo, hi): (f64, f64), lang: Lang) -> String {
    let range = if lo <= hi {
        match lang {
            Lang::En => format!(", values {} to {}", num(lo), num(hi)),
            Lang::Zh => format!("，数值 {} 到 {}", num(lo), num(hi)),
        }
    } else {
        String::new()
    };
    let mut parts = vec![match lang {
        Lang::En => format!("heat map, {} × {}{range}", map.rows, map.cols),
        Lang::Zh => format!("热图，{} × {}{range}", map.rows, map.cols),
    }];
    if let Some(m) = &map.marker {
        parts.push(marker(m.x, lang));
    }
    join(&map.title, &parts, lang)
}

fn marker(x: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("marker at {}", num(x)),
        Lang::Zh => format!("标记线位于 {}", num(x)),
    }
}

fn join(title: &str, parts: &[String], lang: Lang) -> String {
    let (colon, sep) = match lang {
        Lang::En => (": ", "; "),
        Lang::Zh => ("：", "；"),
    };
    if parts.is_empty() {
        title.to_string()
    } else {
        format!("{title}{colon}{}", parts.join(sep))
    }
}

fn colour(c: PlotColor, lang: Lang) -> &'static str {
    match c {
        PlotColor::Blue => i18n::CURVE_BLUE,
        PlotColor::Orange => i18n::CURVE_ORANGE,
        PlotColor::Green => i18n::CURVE_GREEN,
        PlotColor::Red => i18n::CURVE_RED,
        PlotColor::Gray => i18n::CURVE_GRAY,
        PlotColor::Black => i18n::CURVE_BLACK,
    }
    .get(lang)
}

/// Three significant digits, a true minus sign.
fn num(v: f64) -> String {
    let s = if v == 0.0 {
        "0".to_string()
    } else {
        let digits = (2 - v.abs().log10().floor() as i32).clamp(0, 6) as usize;
        format!("{v:.digits$}")
    };
    s.replace('-', "\u{2212}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use dpm_charts::{Annotation, Series, VLine};

    #[test]
    fn says_where_each_curve_peaks_and_the_notes() {
        let x = [-1.0, 0.0, 1.0];
        let y = [0.1, 0.25, 2.0];
        let chart = LineChart::new("q(x)", &x)
            .with_series(Series::new(&y, PlotColor::Blue).labelled("q(x)"))
            .with_series(Series::new(&y, PlotColor::Green))
            .with_annotation(Annotation::new("JS = 0.1234"))
            .with_marker(VLine::at(-0.5));
        assert_eq!(
            line_chart(&chart, Lang::En),
            "q(x): q(x) peaks at 2.00 (x = 1.00); the green curve peaks at 2.00 (x = 1.00); JS = 0.1234; marker at \u{2212}0.500"
        );
        let zh = line_chart(&chart, Lang::Zh);
        assert!(
            zh.starts_with("q(x)：q(x)的峰值 2.00（x = 1.00）；绿色曲线"),
            "{zh}"
        );
    }

    #[test]
    fn a_curve_without_numbers_is_said_so() {
        let x = [0.0, 1.0];
        let y = [f64::NAN, f64::NAN];
        let chart = LineChart::new("t", &x).with_series(Series::new(&y, PlotColor::Red));
        assert_eq!(line_chart(&chart, Lang::En), "t: the red curve: no values");
    }
}
