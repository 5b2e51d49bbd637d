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
use dpm_engine::converge::{self, PowerIteration};
use dpm_engine::{demos, grid, EngineError};
use dpm_figures::{self as article_figures, text, Lang as Words, Params};
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

impl Lang {
    /// The language of the shared word tables.
    fn words(self) -> Words {
        match self {
            Lang::En => Words::En,
            Lang::Zh => Words::Zh,
        }
    }
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
    #[arg(long, default_value_t = demos::demo_1::DEFAULTS.alpha_linear, allow_negative_numbers = true)]
    pub alpha_linear: f64,
    /// Demo 1: alpha of the added noise.
    #[arg(long, default_value_t = demos::demo_1::DEFAULTS.alpha_noise, allow_negative_numbers = true)]
    pub alpha_noise: f64,
    /// Demo 2: the fixed condition z.
    #[arg(long, default_value_t = demos::demo_2::DEFAULTS.cond, allow_negative_numbers = true)]
    pub cond: f64,
    /// Seed of demo 4.1's two random inputs (default 100), or of demo 4.2's
    /// input (default 200).
    #[arg(long)]
    pub inputs_seed: Option<u32>,
    /// Demos 3.x: start alpha of the chain.
    #[arg(long, default_value_t = demos::demo_3::DEFAULTS.start_alpha, allow_negative_numbers = true)]
    pub start_alpha: f64,
    /// Demos 3.x: end alpha of the chain.
    #[arg(long, default_value_t = demos::demo_3::DEFAULTS.end_alpha, allow_negative_numbers = true)]
    pub end_alpha: f64,
    /// Demos 3.x: number of steps.
    #[arg(long, default_value_t = demos::demo_3::DEFAULTS.steps)]
    pub steps: usize,
    /// Demo 3.2: seed of the noise mixed into the tail.
    #[arg(long, default_value_t = demos::demo_3::DEFAULTS.noise_seed)]
    pub noise_seed: u32,
    /// Demo 3.2: share of noise in the tail (0..1; 0 draws no noisy restore).
    #[arg(long, default_value_t = demos::demo_3::DEFAULTS.noise_ratio, allow_negative_numbers = true)]
    pub noise_ratio: f64,
    /// Demo 4.2: number of posterior transforms (0..1000000).
    #[arg(long, default_value_t = demos::demo_4_2::DEFAULTS.iterate_number)]
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

fn engine(e: EngineError) -> String {
    e.to_string()
}

/// Draws one chart of a demo to an SVG cell.
struct Cells {
    opts: RenderOptions,
    cells: Vec<String>,
}

impl Cells {
    fn new() -> Self {
        Cells {
            opts: RenderOptions::svg(1.0),
            cells: Vec::new(),
        }
    }

    fn line(&mut self, c: &dpm_charts::LineChart) -> Result<(), String> {
        let svg = line_chart_svg(c, CELL, &self.opts).map_err(|e| e.to_string())?;
        self.cells.push(svg);
        Ok(())
    }

    fn heat(&mut self, h: &dpm_charts::Heatmap) -> Result<(), String> {
        let svg = heatmap_svg(h, CELL, &self.opts).map_err(|e| e.to_string())?;
        self.cells.push(svg);
        Ok(())
    }
}

fn render(a: &Args) -> Result<String, String> {
    if let Some(id) = a.name.article_id() {
        return article_figure(id, a);
    }
    let mut cells = Cells::new();
    let lang = a.lang.words();
    let columns = match a.name {
        Figure::Demo1 => demo_1_cells(a, lang, &mut cells)?,
        Figure::Demo2 => demo_2_cells(a, lang, &mut cells)?,
        Figure::Demo31 | Figure::Demo32 | Figure::Demo33 => demo_3_cells(a, lang, &mut cells)?,
        Figure::Demo41 => demo_4_1_cells(a, lang, &mut cells)?,
        Figure::Demo42 => demo_4_2_cells(a, lang, &mut cells)?,
        _ => return Err("not a demo".into()),
    };
    Ok(svg_grid(&cells.cells, CELL, columns))
}

fn demo_1_cells(a: &Args, l: Words, cells: &mut Cells) -> Result<usize, String> {
    let p = demos::demo_1::Params {
        seed: a.seed.unwrap_or(demos::DATA_SEED),
        alpha_linear: a.alpha_linear,
        alpha_noise: a.alpha_noise,
    };
    let m = demos::demo_1::Model::new(&p).map_err(engine)?;
    let x = grid::points();
    let curves = [
        (text::D1_INPUT, m.q_x()),
        (text::D1_LINEAR, m.linear()),
        (text::D1_NOISE, m.noise()),
        (text::D1_BOTH, m.both()),
    ];
    for (title, curve) in curves {
        cells.line(&demo_1::pdf_plot(title.get(l), &x, curve))?;
    }
    Ok(2)
}

fn demo_2_cells(a: &Args, l: Words, cells: &mut Cells) -> Result<usize, String> {
    let p = demos::demo_2::Params {
        seed: a.seed.unwrap_or(demos::DATA_SEED),
        alpha: a.alpha.unwrap_or(demos::demo_2::DEFAULTS.alpha),
        cond: a.cond,
    };
    let m = demos::demo_2::Model::new(&p).map_err(engine)?;
    let x = grid::points();
    // The page shows z with the slider's one decimal.
    let z = format!("{:.1}", p.cond);
    let labels = demo_2::FixedConditionLabels {
        gauss_fun: "GaussFun".into(),
        q_x: "q(x)".into(),
        posterior: text::fixed_condition_legend(&z),
    };
    let step = m.step();
    cells.line(&demo_2::q_x_plot(text::Q_X.get(l), &x, m.q_x()))?;
    cells.line(&demo_2::q_z_plot(text::Q_Z.get(l), &x, step.q_z()))?;
    cells.heat(&demo_2::likelihood_heatmap(
        text::LIKELIHOOD.get(l),
        m.likelihood(),
        grid::N,
    ))?;
    cells.heat(&demo_2::posterior_heatmap(
        text::POSTERIOR.get(l),
        step.posterior(),
        grid::N,
        p.cond,
    ))?;
    cells.line(&demo_2::posterior_fixed_condition(
        text::fixed_condition_title(l, &z),
        &x,
        m.gauss_fun(),
        m.q_x(),
        m.posterior_at_cond(),
        labels,
    ))?;
    Ok(3)
}

fn demo_3_cells(a: &Args, l: Words, cells: &mut Cells) -> Result<usize, String> {
    use demos::demo_3;
    let p = demo_3::Params {
        seed: a.seed.unwrap_or(demos::DATA_SEED),
        start_alpha: a.start_alpha,
        end_alpha: a.end_alpha,
        steps: a.steps,
        noise_seed: a.noise_seed,
        noise_ratio: a.noise_ratio,
    };
    let c = demo_3::chain(&p).map_err(engine)?;
    let x = grid::points();
    let title = |t: usize| text::step_title(l, t, c.alphas());
    match a.name {
        Figure::Demo31 => {
            let normal = grid::standard_normal();
            let last = c.forward().len() - 1;
            for (t, pdf) in c.forward().iter().enumerate() {
                cells.line(&if t == last {
                    demo_3_1::last_forward_pdf(title(t), &x, pdf, &normal)
                } else {
                    demo_3_1::forward_pdf(title(t), &x, pdf)
                })?;
            }
            for (k, s) in c.steps().iter().enumerate() {
                let t = text::posterior_title(k + 1);
                cells.heat(&demo_3_1::step_posterior_heatmap(t, s.posterior(), grid::N))?;
            }
        }
        Figure::Demo32 => {
            let normal = demo_3::restored_from_normal(&c).map_err(engine)?;
            let noisy = demo_3::restored_from_noisy(&c, &p).map_err(engine)?;
            for t in 0..c.forward().len() {
                let panel = demo_3_2::RestorePanel {
                    forward: Some(&c.forward()[t]),
                    backward: Some((&normal.pdfs[t], text::js_legend(normal.js[t]))),
                    noisy: noisy
                        .as_ref()
                        .map(|(_, r)| (r.pdfs[t].as_slice(), text::js_legend(r.js[t]))),
                };
                cells.line(&demo_3_2::restore_panel(title(t), &x, panel))?;
            }
        }
        _ => {
            let normal = demo_3::restored_from_normal(&c).map_err(engine)?;
            let fit = demo_3::FittedRestoration::run(&c).map_err(engine)?;
            for t in 0..c.forward().len() {
                let panel = demo_3_3::FitPanel {
                    forward: Some(&c.forward()[t]),
                    backward: Some((&normal.pdfs[t], text::js_legend(normal.js[t]))),
                    fitted: Some((&fit.pdfs()[t], text::js_legend(fit.js()[t]))),
                };
                cells.line(&demo_3_3::fit_panel(title(t), &x, panel))?;
            }
            for (k, m) in fit.fitted().iter().enumerate() {
                let t = text::fitted_posterior_title(l, k + 1);
                cells.heat(&demo_3_3::fitted_posterior_heatmap(t, m, grid::N))?;
            }
        }
    }
    Ok(4)
}

fn demo_4_1_cells(a: &Args, l: Words, cells: &mut Cells) -> Result<usize, String> {
    use demos::demo_4_1::{Model, Params, DEFAULTS};
    let p = Params {
        seed: a.seed.unwrap_or(DEFAULTS.seed),
        alpha: a.alpha.unwrap_or(DEFAULTS.alpha),
        inputs_seed: a.inputs_seed.unwrap_or(DEFAULTS.inputs_seed),
    };
    let m = Model::new(&p).map_err(engine)?;
    let x = grid::points();
    let c = m.contraction().ok_or("no contraction")?;
    let step = m.step();
    cells.line(&demo_4_1::pdf_plot(text::Q_X.get(l), &x, m.q_x()))?;
    cells.heat(&demo_4_1::posterior_heatmap(
        text::POSTERIOR.get(l),
        step.posterior(),
        grid::N,
    ))?;
    cells.line(&demo_4_1::pdf_plot(text::Q_Z.get(l), &x, step.q_z()))?;
    cells.line(&demo_4_1::inputs_plot(
        text::TWO_INPUTS.get(l),
        &x,
        [&c.inputs.inputs[0], &c.inputs.inputs[1]],
        text::div_in_legend(c.js_in),
    ))?;
    cells.line(&demo_4_1::outputs_plot(
        text::TWO_OUTPUTS.get(l),
        &x,
        [&c.outputs[0], &c.outputs[1]],
        text::div_out_legend(c.js_out),
    ))?;
    Ok(3)
}

fn demo_4_2_cells(a: &Args, l: Words, cells: &mut Cells) -> Result<usize, String> {
    use demos::demo_4_1;
    let p = demo_4_1::Params {
        seed: a.seed.unwrap_or(demo_4_1::DEFAULTS.seed),
        alpha: a.alpha.unwrap_or(demo_4_1::DEFAULTS.alpha),
        inputs_seed: demo_4_1::DEFAULTS.inputs_seed,
    };
    let m = demo_4_1::Model::new(&p).map_err(engine)?;
    let (q, step) = (m.q_x(), m.step());
    let x = grid::points();
    let input_seed = a.inputs_seed.unwrap_or(demos::demo_4_2::INPUT_SEED);
    let z = converge::fixed_point_input(input_seed).map_err(engine)?;
    let power = PowerIteration::new(q, step).map_err(engine)?;
    let iterations = converge::iterate(&power, q, &z, a.iterate_number).map_err(engine)?;
    cells.line(&demo_4_2::converging_panel(
        text::INPUT.get(l),
        &x,
        q,
        &z,
        None,
    ))?;
    for it in &iterations {
        let title = text::iterate_title(it.n);
        cells.line(&demo_4_2::converging_panel(title, &x, q, &it.q, None))?;
    }
    if a.show_power {
        for it in &iterations {
            cells.heat(&demo_4_2::power_heatmap(
                text::power_title(it.n),
                &power.power_matrix(it.n),
                grid::N,
            ))?;
        }
    }
    Ok(4)
}

/// One of the article's computed figures: its panels laid out in rows under
/// the figure's caption.
fn article_figure(id: &str, a: &Args) -> Result<String, String> {
    let lang = a.lang.words();
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
