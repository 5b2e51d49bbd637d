//! `dpm figure`: a demo's plots drawn natively by the same engine and charts
//! as the page, as one SVG or PNG file (small multiples), for papers and
//! slides.
use clap::{Args as ClapArgs, ValueEnum};
use dpm_charts::demos::{demo_1, demo_2, demo_4_1};
use dpm_charts::{heatmap_svg, line_chart_svg, svg_grid, svg_to_png, RenderOptions};
use dpm_engine::contraction::{self, data_for_seed};
use dpm_engine::posterior::{gauss_fun, ForwardStep};
use dpm_engine::{data, grid, transform, EngineError};
use std::process::ExitCode;

const CELL: (u32, u32) = (480, 360);

/// Which demo to draw.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Figure {
    /// Demo 1: q(x), after the linear transform, after the noise, after both.
    #[value(name = "demo_1")]
    Demo1,
    /// Demo 2: q(x), q(z), likelihood and posterior heat maps, fixed condition.
    #[value(name = "demo_2")]
    Demo2,
    /// Demo 4.1: q(x), posterior, q(z), two inputs and their outputs.
    #[value(name = "demo_4_1")]
    Demo41,
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

/// Draw a demo's plots to a file, with the demo's controls as options.
#[derive(ClapArgs, Debug)]
#[command(after_help = "Examples:
  dpm figure demo_2 --alpha 0.9 --cond -0.5 --format svg --out demo2.svg
  dpm figure demo_4_1 --seed 16003 --alpha 0.9 --format png --out contraction.png")]
pub struct Args {
    /// The demo: demo_1, demo_2 or demo_4_1.
    pub name: Figure,
    /// Random seed of q(x).
    #[arg(long, default_value_t = 100)]
    pub seed: u32,
    /// alpha (demos 2 and 4.1; default 0.98 for demo 2, 0.95 for demo 4.1).
    #[arg(long, allow_negative_numbers = true)]
    pub alpha: Option<f64>,
    /// Demo 1: alpha of the linear transform.
    #[arg(long, default_value_t = 0.7, allow_negative_numbers = true)]
    pub alpha_linear: f64,
    /// Demo 1: alpha of the added noise.
    #[arg(long, default_value_t = 0.995, allow_negative_numbers = true)]
    pub alpha_noise: f64,
    /// Demo 2: the fixed condition z.
    #[arg(long, default_value_t = 0.2, allow_negative_numbers = true)]
    pub cond: f64,
    /// Demo 4.1: seed of the two random inputs.
    #[arg(long, default_value_t = 100)]
    pub inputs_seed: u32,
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
    eprintln!("dpm: error: {msg}");
    ExitCode::from(2)
}

fn t(lang: Lang, en: &str, zh: &str) -> String {
    if lang == Lang::Zh { zh } else { en }.to_string()
}

fn engine(e: EngineError) -> String {
    e.to_string()
}

fn render(a: &Args) -> Result<String, String> {
    let opts = RenderOptions::svg(1.0);
    let x = grid::points();
    let l = a.lang;
    let line =
        |c: &dpm_charts::LineChart| line_chart_svg(c, CELL, &opts).map_err(|e| e.to_string());
    let heat = |h: &dpm_charts::Heatmap| heatmap_svg(h, CELL, &opts).map_err(|e| e.to_string());
    let cells: Vec<String> = match a.name {
        Figure::Demo1 => {
            let q = data::mixture(a.seed, 0, data::DEFAULT_MODAL_COUNT).map_err(engine)?;
            let out = transform::demo_1(&q, a.alpha_linear, a.alpha_noise).map_err(engine)?;
            vec![
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
            ]
        }
        Figure::Demo2 => {
            let alpha = a.alpha.unwrap_or(0.98);
            let q = data::hijacked(a.seed, 0, data::DEFAULT_MODAL_COUNT).map_err(engine)?;
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
            vec![
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
            ]
        }
        Figure::Demo41 => {
            let alpha = a.alpha.unwrap_or(0.95);
            let (_, q) = data_for_seed(a.seed).map_err(engine)?;
            let step = ForwardStep::new(&q, alpha).map_err(engine)?;
            let c = contraction::contraction(&step, a.inputs_seed).map_err(engine)?;
            let l2 = contraction::lambda2(&q, &step).map_err(engine)?;
            vec![
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
            ]
        }
    };
    let columns = if cells.len() == 4 { 2 } else { 3 };
    Ok(svg_grid(&cells, CELL, columns))
}
