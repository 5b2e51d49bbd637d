//! Computed figures drawn to standalone SVG documents (natively: the article
//! builder and `dpm figure`).

use crate::{compute, panels, word, Lang, Params};
use dpm_charts::figures::{self as cf, Panel};
use dpm_charts::RenderOptions;

/// One panel drawn: a standalone SVG document and what it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedPanel {
    /// The SVG document (`width`/`height` = `size`).
    pub svg: String,
    pub size: (u32, u32),
    pub title: String,
    /// The text alternative.
    pub desc: String,
}

/// Draws each panel to an SVG document.
pub fn draw(panels: &[Panel<'_>]) -> Result<Vec<RenderedPanel>, String> {
    panels
        .iter()
        .map(|p| {
            let svg = cf::figure_chart_svg(&p.chart, p.size, &RenderOptions::svg(1.0))
                .map_err(|e| e.to_string())?;
            // Inline in the page: fewer elements for it to lay out and paint.
            let svg = dpm_charts::merge_strokes(&svg);
            Ok(RenderedPanel {
                svg,
                size: p.size,
                title: p.chart.title().to_string(),
                desc: p.desc.clone(),
            })
        })
        .collect()
}

/// The panels of computed figure `id` in `lang`, with `params` (what
/// `dpm figure` draws). Errors name the bad parameter.
pub fn render_panels(id: &str, lang: Lang, params: &Params) -> Result<Vec<RenderedPanel>, String> {
    let computed = compute(id, params)?;
    let w = |k: &str| word(lang, k);
    draw(&panels(&computed, &w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figure_params_reach_the_engine_and_bad_ones_are_refused() {
        let p = Params {
            alpha: Some(0.9),
            ..Params::default()
        };
        let panels = render_panels("fig_c2", Lang::En, &p).unwrap();
        assert_eq!(panels.len(), 2);
        assert!(panels[0].title.contains("0.9"), "{}", panels[0].title);
        let bad = Params {
            alpha: Some(1.5),
            ..Params::default()
        };
        let err = render_panels("fig_c2", Lang::En, &bad).unwrap_err();
        assert!(err.contains("alpha"), "{err}");
        assert!(render_panels("fig_1", Lang::En, &Params::default()).is_err());
    }
}
