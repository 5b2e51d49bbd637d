//! `dpm figure`: a demo's plots or one of the article's computed figures,
//! drawn natively by the same engine and charts as the page, as one SVG or
//! PNG file, for papers and slides.
//!
//! Demos come out as small multiples (charts' `svg_grid`), with the demos'
//! controls as options and their defaults. The figures (`fig_c1` ... `fig_d5`)
//! are the article's own panels, words included, from `dpm_figures`:
//! the file shows exactly what the page shows. Figure 7.1 is a diagram, not a
//! computation, and is not offered.
use clap::{Args as ClapArgs, ValueEnum};
use dpm_charts::demos::{demo_1, demo_2, demo_3_1, demo_3_2, demo_3_3, demo_4_1, demo_4_2};
use dpm_charts::{heatmap_svg, line_chart_svg, svg_grid, svg_to_png, RenderOptions};
use dpm_engine::chain::{self, Chain};
use dpm_engine::contraction::{self, data_for_seed};
use dpm_engine::converge::{self, PowerIteration};
use dpm_engine::posterior::{gauss_fun, ForwardStep};
use dpm_engine::{data, fit, grid, transform, EngineError};
use dpm_figures::{self as article_figures, Lang as ArticleLang, Params};
use std::process::ExitCode;

const CELL: (u32, u32) = (480, 360);

/// What to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Figure {
    /// Demo 1: q(x), after the linear transform, after the noise, after both.
    #[value(name = "demo_1")]
    Demo1,
    /// Demo 2: q(x), q(z), likelihood and posterior heat maps, fixed condition.
    #[value(name = "demo_2")]
    Demo2,
    /// Demo 3.1: q(x), q(z_1) .. q(z_T) (N(0,1) on the last), the step posteriors.
    #[value(name = "demo_3_1")]
    Demo31,
    /// Demo 3.2: per step, the forward pdf, the restore from N(0,1) and, with a
    /// noise ratio, the restore from the noisy tail, with JS distances.
    #[value(name = "demo_3_2")]
    Demo32,
    /// Demo 3.3: per step, the forward pdf, the restore with the true and with
    /// the fitted Gaussian posteriors; the fitted posteriors.
    #[value(name = "demo_3_3")]
    Demo33,
    /// Demo 4.1: q(x), posterior, q(z), two inputs and their outputs.
    #[value(name = "demo_4_1")]
    Demo41,
    /// Demo 4.2: the iterated posterior transform against q(x) (and, with
    /// --show-power, the power matrices).
    #[value(name = "demo_4_2")]
    Demo42,
    /// Figure C.1: the L1 non-expansion row by row (--seed of the inputs).
    #[value(name = "fig_c1")]
    FigC1,
    /// Figure C.2: log2 q(x|z) for two alphas (--alpha, --alpha-b, --seed).
    #[value(name = "fig_c2")]
    FigC2,
    /// Figure D.1: one connected support (--beta, --power).
    #[value(name = "fig_d1")]
    FigD1,
    /// Figure D.2: two components that communicate (--beta, --power).
    #[value(name = "fig_d2")]
    FigD2,
    /// Figure D.3: two components that do not (--beta, --power).
    #[value(name = "fig_d3")]
    FigD3,
    /// Figure D.4: GaussFun's centre deviation (--beta, --alpha, --z, --z-b).
    #[value(name = "fig_d4")]
    FigD4,
    /// Figure D.5: q(x=z|z) = 0 far from the origin (--alpha, --beta, --z).
    #[value(name = "fig_d5")]
    FigD5,
}

impl Figure {
    /// The article's figure id, for the computed figures.
    fn article_id(self) -> Option<&'static str> {
        Some(match self {
            Figure::FigC1 => "fig_c1",
            Figure::FigC2 => "fig_c2",
            Figure::FigD1 => "fig_d1",
            Figure::FigD2 => "fig_d2",
            Figure::FigD3 => "fig_d3",
            Figure::FigD4 => "fig_d4",
            Figure::FigD5 => "fig_d5",
            _ => return None,
        })
    }
}

/// Output format.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// Scalable vector graphics.
    Svg,
    /// PNG raster (Latin labels only: the embedded font has no CJK glyphs).
    Png,
}

/// Label language.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq)]
pub enum Lang {
    /// English.
    En,
    /// Chinese.
    Zh,
}

/// Draw a demo's plots or an article figure to a file, with the demo's
/// controls (or the figure's parameters) as options.
#[derive(ClapArgs, Debug)]
#[command(after_help = "Examples:
  dpm figure demo_2 --alpha 0.9 --cond -0.5 --format svg --out demo2.svg
  dpm figure demo_3_2 --start-alpha 0.25 --end-alpha 0.25 --noise-ratio 1 --format png --out restore.png
  dpm figure fig_c2 --alpha 0.9 --alpha-b 0.995 --format png --out c2.png
  dpm figure fig_d4 --alpha 0.4 --z 1.5 --lang zh --format svg --out d4.svg")]
pub struct Args {
    /// What to draw.
    pub name: Figure,
    /// Random seed: of q(x) (demos, default 100; fig_c2, default 100) or of
    /// the two inputs (fig_c1, default 38).
    #[arg(long)]
    pub seed: Option<u32>,
    /// alpha (demo_2: 0.98; demo_4_1, demo_4_2: 0.95; fig_c2 panel (a): 0.95;
    /// fig_d4 panels (c), (d), with beta = 1 - alpha: 0.6; fig_d5: 0.36).
    #[arg(long, allow_negative_numbers = true)]
    pub alpha: Option<f64>,
    /// fig_c2: alpha of panel (b) (default 0.99).
    #[arg(long, allow_negative_numbers = true)]
    pub alpha_b: Option<f64>,
    /// beta of eq. D.1 (fig_d1..fig_d3: 0.04; fig_d4 panels (a), (b): 0.6;
    /// fig_d5: 0.0036).
    #[arg(long, allow_negative_numbers = true)]
    pub beta: Option<f64>,
    /// fig_d1..fig_d3: the power of the posterior matrix (default 16384).
    #[arg(long)]
    pub power: Option<u64>,
    /// The condition z (fig_d4 panels (a), (c): 1; fig_d5: 6).
    #[arg(long, allow_negative_numbers = true)]
    pub z: Option<f64>,
    /// fig_d4: z of panels (b), (d) (default 2).
    #[arg(long, allow_negative_numbers = true)]
    pub z_b: Option<f64>,
    /// Demo 1: alpha of the linear transform.
    #[arg(long, default_value_t = 0.7, allow_negative_numbers = true)]
    pub alpha_linear: f64,
    /// Demo 1: alpha of the added noise.
    #[arg(long, default_value_t = 0.995, allow_negative_numbers = true)]
    pub alpha_noise: f64,
    /// Demo 2: the fixed condition z.
    #[arg(long, default_value_t = 0.2, allow_negative_numbers = true)]
    pub cond: f64,
    /// Seed of demo 4.1's two random inputs (default 100), or of demo 4.2's
    /// input (default 200).
    #[arg(long)]
    pub inputs_seed: Option<u32>,
    /// Demos 3.x: start alpha of the chain.
    #[arg(long, default_value_t = 0.98, allow_negative_numbers = true)]
    pub start_alpha: f64,
    /// Demos 3.x: end alpha of the chain.
    #[arg(long, default_value_t = 0.98, allow_negative_numbers = true)]
    pub end_alpha: f64,
    /// Demos 3.x: number of steps.
    #[arg(long, default_value_t = 7)]
    pub steps: usize,
    /// Demo 3.2: seed of the noise mixed into the tail.
    #[arg(long, default_value_t = 200)]
    pub noise_seed: u32,
    /// Demo 3.2: share of noise in the tail (0..1; 0 draws no noisy restore).
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub noise_ratio: f64,
    /// Demo 4.2: number of posterior transforms (0..1000000).
    #[arg(long, default_value_t = 500)]
    pub iterate_number: u64,
    /// Demo 4.2: also draw the power matrices.
    #[arg(long)]
    pub show_power: bool,
    /// Label language.
    #[arg(long, value_enum, default_value_t = Lang::En)]
    pub lang: Lang,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Svg)]
    pub format: Format,
    /// Output file.
    #[arg(long)]
    pub out: std::path::PathBuf,
}

/// Runs `dpm figure`; exit status 2 with one line on stderr for bad input.
pub fn run(args: &Args) -> ExitCode {
    if matches!(args.format, Format::Png) && args.lang == Lang::Zh {
        return fail("PNG output has Latin glyphs only; use --format svg for Chinese labels");
    }
    match render(args) {
        Ok(svg) => {
            let bytes = match args.format {
                Format::Svg => svg.into_bytes(),
                Format::Png => match svg_to_png(&svg) {
                    Ok(b) => b,
                    Err(e) => return fail(&e.to_string()),
                },
            };
            match std::fs::write(&args.out, bytes) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&format!("cannot write {}: {e}", args.out.display())),
            }
        }
        Err(msg) => fail(&msg),
    }
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("dpm: error: {}", msg.lines().next().unwrap_or(msg));
    ExitCode::from(2)
}

fn t(lang: Lang, en: &str, zh: &str) -> String {
    if lang == Lang::Zh { zh } else { en }.to_string()
}

fn engine(e: EngineError) -> String {
    e.to_string()
}

fn render(a: &Args) -> Result<String, String> {
    if let Some(id) = a.name.article_id() {
        return article_figure(id, a);
    }
    let opts = RenderOptions::svg(1.0);
    let x = grid::points();
    let l = a.lang;
    let seed = a.seed.unwrap_or(100);
    let line =
        |c: &dpm_charts::LineChart| line_chart_svg(c, CELL, &opts).map_err(|e| e.to_string());
    let heat = |h: &dpm_charts::Heatmap| heatmap_svg(h, CELL, &opts).map_err(|e| e.to_string());
    let div = |js: f64| format!("div={js:.4}");
    let (cells, columns): (Vec<String>, usize) = match a.name {
        Figure::Demo1 => {
            let q = data::mixture(seed, 0, data::DEFAULT_MODAL_COUNT).map_err(engine)?;
            let out = transform::demo_1(&q, a.alpha_linear, a.alpha_noise).map_err(engine)?;
            let cells = vec![
                line(&demo_1::pdf_plot(
                    t(l, "input pdf q(x)", "输入 pdf q(x)"),
                    &x,
                    &q,
                ))?,
                line(&demo_1::pdf_plot(
                    t(l, "after the linear transform", "线性变换后"),
                    &x,
                    &out.linear,
                ))?,
                line(&demo_1::pdf_plot(
                    t(l, "after adding noise", "加噪后"),
                    &x,
                    &out.noise,
                ))?,
                line(&demo_1::pdf_plot(
                    t(l, "after both", "两者之后"),
                    &x,
                    &out.both,
                ))?,
            ];
            (cells, 2)
        }
        Figure::Demo2 => {
            let alpha = a.alpha.unwrap_or(0.98);
            let q = data::hijacked(seed, 0, data::DEFAULT_MODAL_COUNT).map_err(engine)?;
            let step = ForwardStep::new(&q, alpha).map_err(engine)?;
            let j = grid::index_of(a.cond)
                .ok_or_else(|| format!("cond = {} is outside the grid -2.3..2.3", a.cond))?;
            let post = step.posterior_column(j);
            let gf = gauss_fun(alpha, a.cond).map_err(engine)?;
            let lik = step.likelihood(&q);
            let labels = demo_2::FixedConditionLabels {
                gauss_fun: "GaussFun".into(),
                q_x: "q(x)".into(),
                posterior: format!("q(x|z={})", a.cond),
            };
            let cells = vec![
                line(&demo_2::q_x_plot(
                    t(l, "data pdf q(x)", "数据 pdf q(x)"),
                    &x,
                    &q,
                ))?,
                line(&demo_2::q_z_plot(
                    t(l, "transformed pdf q(z)", "变换后 pdf q(z)"),
                    &x,
                    &step.q_z,
                ))?,
                heat(&demo_2::likelihood_heatmap(
                    t(l, "likelihood q(z|x)", "似然 q(z|x)"),
                    &lik,
                    grid::N,
                ))?,
                heat(&demo_2::posterior_heatmap(
                    t(l, "posterior q(x|z)", "后验 q(x|z)"),
                    &step.posterior,
                    grid::N,
                    a.cond,
                ))?,
                line(&demo_2::posterior_fixed_condition(
                    format!(
                        "{} z = {}",
                        t(l, "posterior with fixed condition", "固定条件下的后验"),
                        a.cond
                    ),
                    &x,
                    &gf,
                    &q,
                    &post,
                    labels,
                ))?,
            ];
            (cells, 3)
        }
        Figure::Demo31 | Figure::Demo32 | Figure::Demo33 => {
            let alphas = chain::alphas(a.start_alpha, a.end_alpha, a.steps).map_err(engine)?;
            let q = data::hijacked(seed, 0, data::DEFAULT_MODAL_COUNT).map_err(engine)?;
            let c = Chain::new(&q, &alphas).map_err(engine)?;
            let normal = grid::standard_normal();
            let title = |tt: usize| -> String {
                if tt == 0 {
                    t(l, "q(x)", "q(x)")
                } else {
                    format!("q(z_{tt}) alpha={:.3}", c.alphas[tt - 1])
                }
            };
            let mut cells = Vec::new();
            match a.name {
                Figure::Demo31 => {
                    let last = c.forward.len() - 1;
                    for (tt, pdf) in c.forward.iter().enumerate() {
                        cells.push(if tt == last {
                            line(&demo_3_1::last_forward_pdf(title(tt), &x, pdf, &normal))?
                        } else {
                            line(&demo_3_1::forward_pdf(title(tt), &x, pdf))?
                        });
                    }
                    for (k, s) in c.steps.iter().enumerate() {
                        cells.push(heat(&demo_3_1::step_posterior_heatmap(
                            format!("q(z_{}|z_{})", k, k + 1),
                            &s.posterior,
                            grid::N,
                        ))?);
                    }
                }
                Figure::Demo32 => {
                    let restored = c.restore(&normal).map_err(engine)?;
                    let js = chain::js_per_step(&restored, &c.forward);
                    let noisy = if a.noise_ratio > 0.0 {
                        let tail =
                            chain::noisy_tail(a.noise_seed, a.noise_ratio).map_err(engine)?;
                        let r = c.restore(&tail).map_err(engine)?;
                        let js = chain::js_per_step(&r, &c.forward);
                        Some((r, js))
                    } else {
                        chain::noisy_tail(a.noise_seed, a.noise_ratio).map_err(engine)?;
                        None
                    };
                    for tt in 0..c.forward.len() {
                        let panel = demo_3_2::RestorePanel {
                            forward: Some(&c.forward[tt]),
                            backward: Some((&restored[tt], div(js[tt]))),
                            noisy: noisy
                                .as_ref()
                                .map(|(r, js)| (r[tt].as_slice(), div(js[tt]))),
                        };
                        cells.push(line(&demo_3_2::restore_panel(title(tt), &x, panel))?);
                    }
                }
                _ => {
                    let restored = c.restore(&normal).map_err(engine)?;
                    let js = chain::js_per_step(&restored, &c.forward);
                    let fitted = c
                        .steps
                        .iter()
                        .map(|s| fit::fit_posterior(&s.posterior).map(|(_, m)| m))
                        .collect::<Result<Vec<_>, _>>()
                        .map_err(engine)?;
                    let refs: Vec<&[f64]> = fitted.iter().map(Vec::as_slice).collect();
                    let restored_fit = chain::restore_with(&refs, &normal);
                    let js_fit = chain::js_per_step(&restored_fit, &c.forward);
                    for tt in 0..c.forward.len() {
                        let panel = demo_3_3::FitPanel {
                            forward: Some(&c.forward[tt]),
                            backward: Some((&restored[tt], div(js[tt]))),
                            fitted: Some((&restored_fit[tt], div(js_fit[tt]))),
                        };
                        cells.push(line(&demo_3_3::fit_panel(title(tt), &x, panel))?);
                    }
                    for (k, m) in fitted.iter().enumerate() {
                        cells.push(heat(&demo_3_3::fitted_posterior_heatmap(
                            format!("fitted q(z_{}|z_{})", k, k + 1),
                            m,
                            grid::N,
                        ))?);
                    }
                }
            }
            (cells, 4)
        }
        Figure::Demo41 => {
            let alpha = a.alpha.unwrap_or(0.95);
            let (_, q) = data_for_seed(seed).map_err(engine)?;
            let step = ForwardStep::new(&q, alpha).map_err(engine)?;
            let c =
                contraction::contraction(&step, a.inputs_seed.unwrap_or(100)).map_err(engine)?;
            let l2 = contraction::lambda2(&q, &step).map_err(engine)?;
            let cells = vec![
                line(&demo_4_1::pdf_plot(
                    t(l, "data pdf q(x)", "数据 pdf q(x)"),
                    &x,
                    &q,
                ))?,
                heat(&demo_4_1::posterior_heatmap(
                    format!(
                        "{} (lambda2 = {l2:.6})",
                        t(l, "posterior q(x|z)", "后验 q(x|z)")
                    ),
                    &step.posterior,
                    grid::N,
                ))?,
                line(&demo_4_1::pdf_plot(
                    t(l, "transformed pdf q(z)", "变换后 pdf q(z)"),
                    &x,
                    &step.q_z,
                ))?,
                line(&demo_4_1::inputs_plot(
                    t(l, "two inputs", "两个输入"),
                    &x,
                    [&c.inputs.inputs[0], &c.inputs.inputs[1]],
                    format!("div_in={:.4}", c.js_in),
                ))?,
                line(&demo_4_1::outputs_plot(
                    t(l, "two outputs", "两个输出"),
                    &x,
                    [&c.outputs[0], &c.outputs[1]],
                    format!("div_out={:.4}", c.js_out),
                ))?,
            ];
            (cells, 3)
        }
        Figure::Demo42 => {
            let alpha = a.alpha.unwrap_or(0.95);
            let (_, q) = data_for_seed(seed).map_err(engine)?;
            let step = ForwardStep::new(&q, alpha).map_err(engine)?;
            let z = converge::fixed_point_input(a.inputs_seed.unwrap_or(200)).map_err(engine)?;
            let power = PowerIteration::new(&q, &step).map_err(engine)?;
            let iterations = converge::iterate(&power, &q, &z, a.iterate_number).map_err(engine)?;
            let mut cells = vec![line(&demo_4_2::converging_panel(
                t(l, "input", "输入"),
                &x,
                &q,
                &z,
                Some(div(dpm_engine::divergence::js_distance(&z, &q))),
            ))?];
            for it in &iterations {
                cells.push(line(&demo_4_2::converging_panel(
                    format!("n={}", it.n),
                    &x,
                    &q,
                    &it.q,
                    Some(div(it.js)),
                ))?);
            }
            if a.show_power {
                for it in &iterations {
                    cells.push(heat(&demo_4_2::power_heatmap(
                        format!("power(mat, {})", it.n),
                        &power.power_matrix(it.n),
                        grid::N,
                    ))?);
                }
            }
            (cells, 4)
        }
        _ => return Err("not a demo".into()),
    };
    Ok(svg_grid(&cells, CELL, columns))
}

/// One of the article's computed figures: its panels laid out in rows under
/// the figure's caption.
fn article_figure(id: &str, a: &Args) -> Result<String, String> {
    let lang = match a.lang {
        Lang::En => ArticleLang::En,
        Lang::Zh => ArticleLang::Zh,
    };
    let params = Params {
        seed: a.seed,
        alpha: a.alpha,
        alpha_b: a.alpha_b,
        beta: a.beta,
        power: a.power,
        z: a.z,
        z_b: a.z_b,
    };
    let panels = article_figures::render_panels(id, lang, &params)?;
    let columns = match id {
        "fig_c1" | "fig_c2" | "fig_d4" => 2,
        "fig_d5" => 1,
        _ => 3,
    };
    let caption = article_figures::FIGURES
        .iter()
        .find(|f| f.0 == id)
        .map(|&(_, number, en, zh)| match a.lang {
            Lang::En => format!("Figure {number}: {}", strip_tags(en)),
            Lang::Zh => format!("图 {number}：{}", strip_tags(zh)),
        })
        .unwrap_or_default();
    let cells: Vec<(String, (u32, u32))> = panels.into_iter().map(|p| (p.svg, p.size)).collect();
    Ok(compose(&cells, columns, &caption))
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Panels of different sizes in rows of `columns`, each row as tall as its
/// tallest panel, centred, under a caption line.
fn compose(cells: &[(String, (u32, u32))], columns: usize, caption: &str) -> String {
    let columns = columns.max(1);
    let rows: Vec<&[(String, (u32, u32))]> = cells.chunks(columns).collect();
    let width = rows
        .iter()
        .map(|r| r.iter().map(|c| c.1 .0).sum::<u32>())
        .max()
        .unwrap_or(1);
    let caption_h = if caption.is_empty() { 0 } else { 34 };
    let height = caption_h
        + rows
            .iter()
            .map(|r| r.iter().map(|c| c.1 .1).max().unwrap_or(0))
            .sum::<u32>();
    let mut out = format!(
        r#"<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">"#
    );
    out.push_str(&format!(
        r##"<rect x="0" y="0" width="{width}" height="{height}" fill="#FFFFFF"/>"##
    ));
    if !caption.is_empty() {
        out.push_str(&format!(
            r##"<text x="{}" y="22" text-anchor="middle" font-family="sans-serif" font-size="15" fill="#262626">{}</text>"##,
            width / 2,
            xml_escape(caption)
        ));
    }
    let mut y = caption_h;
    for row in rows {
        let row_w: u32 = row.iter().map(|c| c.1 .0).sum();
        let row_h = row.iter().map(|c| c.1 .1).max().unwrap_or(0);
        let mut x = (width - row_w) / 2;
        for (svg, (w, _)) in row {
            let body = svg.find("<svg").map_or(svg.as_str(), |s| &svg[s..]);
            out.push_str(&body.replacen("<svg", &format!(r#"<svg x="{x}" y="{y}""#), 1));
            x += w;
        }
        y += row_h;
    }
    out.push_str("</svg>\n");
    out
}
