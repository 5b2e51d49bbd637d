//! `dpm eval`: one JSON record in, the demo's outputs out, as the contract in
//! `tests/golden/README.md` says. Each demo's outputs are computed exactly
//! as the engine's golden tests compute them, so the golden files check the
//! tool end to end.
use crate::record::{InputError, Record};
use dpm_engine::chain;
use dpm_engine::contraction::{self, data_for_seed};
use dpm_engine::converge::{self, PowerIteration, MAX_ITERATE};
use dpm_engine::data::{self, MAX_MODAL_COUNT};
use dpm_engine::divergence::js_distance;
use dpm_engine::posterior::ForwardStep;
use dpm_engine::{demos, grid, transform};
use serde::Serialize;
use serde_json::Value;
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

/// The demos a record may name.
pub const DEMOS: [&str; 5] = ["data", "demo1", "demo2", "demo3", "demo4"];

const LONG_ABOUT: &str = "\
Reads one JSON record on standard input and writes the demo's outputs as one
JSON object on standard output. The record names its demo and gives that
demo's inputs; other keys (a whole golden record's outputs, say) are ignored.

  demo   inputs                                  outputs
  data   seed, shape_type (0..3),                q_x, q_x_hijacked
         modal_count (1..1000)
  demo1  seed, alpha_linear, alpha_noise         x, q_x, linear, noise, both
  demo2  seed, alpha, cond (-2.3..2.3)           q_x, q_z, cond_index, posterior_at_cond,
                                                 gauss_fun, likelihood_row_at_x_index_230
  demo3  seed, start_alpha, end_alpha,           alphas, forward, restored_from_normal,
         steps (1..100), noise_seed,             restored_from_normal_js, restored_fitted,
         noise_ratio (0..1)                      restored_fitted_js; when noise_ratio > 0
                                                 also noisy_tail, restored_from_noisy,
                                                 restored_from_noisy_js
         optional: samples (100..20000)          samples_js (per step: JS of the histogram of
                                                 N particles carried back by ancestral
                                                 sampling, seeded by noise_seed, to the
                                                 restoration from the same tail)
  demo4  seed, alpha, inputs_seed,               shape_type, q_x, q_z, lambda2, input1,
         fixed_point_seed,                       input2, output1, output2, input_modal_counts,
         iterate_number (0..1000000)             input_seeds, input_shapes, js_in, js_out,
                                                 fixed_point_input, fixed_point_input_js,
                                                 iterations [{n, q, js}]

Your own q(x): every demo but data takes \"q_x\" (461 non-negative numbers
on the grid, positive mass; normalised) in place of \"seed\" (a record with
a seed uses the seed: q_x is then one of its outputs); demo4 then has no
shape_type.

Seeds are whole numbers in 0..4294967295; every alpha lies strictly between
0 and 1. Arrays are over the 461-point grid x = -2.3..2.3; a list of pdfs is
indexed by step. Floats print so that they parse back to the same f64.

Exit status: 0 on success; 2 on bad input (invalid JSON, unknown demo, missing
key, wrong type, value out of range), with one line `dpm: error: ...` on
standard error and nothing on standard output.";

const EXAMPLES: &str = "\
Examples:
  echo '{\"demo\":\"demo2\",\"seed\":100,\"alpha\":0.98,\"cond\":0.2}' | dpm eval
  echo '{\"demo\":\"data\",\"seed\":7,\"shape_type\":1,\"modal_count\":2}' | dpm eval";

/// Compute one demo's outputs from a JSON record on standard input.
// No options: the record says everything.
#[derive(clap::Args)]
#[command(long_about = LONG_ABOUT, after_help = EXAMPLES)]
pub struct Args {}

/// Runs `dpm eval`: 0 on success, 2 on bad input, 1 if the output cannot be
/// written.
pub fn run(_args: &Args) -> ExitCode {
    let output = match read_record().and_then(|v| evaluate(&v)) {
        Ok(output) => output,
        Err(e) => {
            eprintln!("dpm: error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = serde_json::to_writer(&mut out, &output)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
    match written {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stops early (`| head`) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dpm: error: cannot write standard output: {e}");
            ExitCode::FAILURE
        }
    }
}

fn read_record() -> Result<Value, InputError> {
    let mut stdin = std::io::stdin().lock();
    if stdin.is_terminal() {
        // Waiting silently for a record typed by hand helps no one.
        return Err(InputError::Read(std::io::Error::other(
            "it is a terminal; pipe a JSON record in (see `dpm eval --help`)",
        )));
    }
    let mut bytes = Vec::new();
    stdin.read_to_end(&mut bytes).map_err(InputError::Read)?;
    serde_json::from_slice(&bytes).map_err(InputError::Json)
}

/// The outputs of one record, serialised as the bare object of its demo.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Output {
    Data(DataOut),
    Demo1(Demo1Out),
    Demo2(Demo2Out),
    Demo3(Demo3Out),
    Demo4(Demo4Out),
}

/// Validates every input of the record first (so a bad value is reported
/// before any long computation), then computes the demo's outputs.
pub fn evaluate(value: &Value) -> Result<Output, InputError> {
    let r = Record::new(value)?;
    Ok(match r.string("demo")? {
        "data" => Output::Data(data_demo(&r)?),
        "demo1" => Output::Demo1(demo1(&r)?),
        "demo2" => Output::Demo2(demo2(&r)?),
        "demo3" => Output::Demo3(demo3(&r)?),
        "demo4" => Output::Demo4(demo4(&r)?),
        other => return Err(InputError::UnknownDemo(other.to_owned())),
    })
}

/// q(x) for a seed, before and after the special-seed override.
#[derive(Serialize)]
pub struct DataOut {
    q_x: Vec<f64>,
    q_x_hijacked: Vec<f64>,
}

fn data_demo(r: &Record) -> Result<DataOut, InputError> {
    let seed = r.seed("seed")?;
    let shape_type = r.whole("shape_type", 0, 3)? as u32;
    let modal_count = r.whole("modal_count", 1, MAX_MODAL_COUNT as u64)? as usize;
    Ok(DataOut {
        q_x: data::mixture(seed, shape_type, modal_count)?,
        q_x_hijacked: data::hijacked(seed, shape_type, modal_count)?,
    })
}

/// Where a demo's q(x) comes from: its seed, or the record's own `q_x`.
enum Source {
    Seed(u32),
    Own(Vec<f64>),
}

/// `q_x` in place of `seed`: a record with a seed uses the seed (a whole
/// golden record carries `q_x` among its outputs, which the contract says
/// are ignored); one without a seed gives its own `q_x`.
fn source(r: &Record) -> Result<Source, InputError> {
    if !r.has("seed") && r.has("q_x") {
        Ok(Source::Own(r.pdf("q_x")?))
    } else {
        Ok(Source::Seed(r.seed("seed")?))
    }
}

/// Demo 1: the linear part, the noise part and both, of one forward step.
#[derive(Serialize)]
pub struct Demo1Out {
    x: Vec<f64>,
    q_x: Vec<f64>,
    linear: Vec<f64>,
    noise: Vec<f64>,
    both: Vec<f64>,
}

fn demo1(r: &Record) -> Result<Demo1Out, InputError> {
    let source = source(r)?;
    let (alpha_linear, alpha_noise) = (r.alpha("alpha_linear")?, r.alpha("alpha_noise")?);
    let seed = match source {
        Source::Seed(seed) => seed,
        Source::Own(q_x) => {
            let linear = transform::linear(&q_x, alpha_linear)?;
            return Ok(Demo1Out {
                x: grid::points(),
                noise: transform::add_noise(&q_x, alpha_noise)?,
                both: transform::add_noise(&linear, alpha_noise)?,
                linear,
                q_x,
            });
        }
    };
    let p = demos::demo_1::Params {
        seed,
        alpha_linear,
        alpha_noise,
    };
    let m = demos::demo_1::Model::new(&p)?;
    Ok(Demo1Out {
        x: grid::points(),
        q_x: m.q_x().to_vec(),
        linear: m.linear().to_vec(),
        noise: m.noise().to_vec(),
        both: m.both().to_vec(),
    })
}

/// Demo 2: marginal, posterior at a fixed z, GaussFun (eq. 3.4) and a likelihood row.
#[derive(Serialize)]
pub struct Demo2Out {
    q_x: Vec<f64>,
    q_z: Vec<f64>,
    cond_index: usize,
    posterior_at_cond: Vec<f64>,
    gauss_fun: Vec<f64>,
    likelihood_row_at_x_index_230: Vec<f64>,
}

fn demo2(r: &Record) -> Result<Demo2Out, InputError> {
    let source = source(r)?;
    let (alpha, cond) = (r.alpha("alpha")?, r.number_in("cond", grid::LO, grid::HI)?);
    let seed = match source {
        Source::Seed(seed) => seed,
        Source::Own(q_x) => {
            let step = ForwardStep::new(&q_x, alpha)?;
            let cond_index = demos::demo_2::cond_index(cond)?;
            return Ok(Demo2Out {
                q_z: step.q_z().to_vec(),
                cond_index,
                posterior_at_cond: step.posterior_column(cond_index),
                gauss_fun: dpm_engine::posterior::gauss_fun(alpha, cond)?,
                likelihood_row_at_x_index_230: step.likelihood_row(&q_x, 230),
                q_x,
            });
        }
    };
    let p = demos::demo_2::Params { seed, alpha, cond };
    let m = demos::demo_2::Model::new(&p)?;
    Ok(Demo2Out {
        q_x: m.q_x().to_vec(),
        q_z: m.step().q_z().to_vec(),
        cond_index: demos::demo_2::cond_index(p.cond)?,
        posterior_at_cond: m.posterior_at_cond().to_vec(),
        gauss_fun: m.gauss_fun().to_vec(),
        // x = 0 is column 230 of the grid (res is 4.6/460, not 0.01).
        likelihood_row_at_x_index_230: m.step().likelihood_row(m.q_x(), 230),
    })
}

/// Demos 3.1-3.3: the forward chain and the restorations from N(0,1), from a
/// noisy tail and through Gaussian-fitted posteriors.
#[derive(Serialize)]
pub struct Demo3Out {
    alphas: Vec<f64>,
    forward: Vec<Vec<f64>>,
    restored_from_normal: Vec<Vec<f64>>,
    restored_from_normal_js: Vec<f64>,
    restored_fitted: Vec<Vec<f64>>,
    restored_fitted_js: Vec<f64>,
    #[serde(flatten)]
    noisy: Option<Noisy>,
    /// Demo 3.2's samples view, when the record asks for `samples`.
    #[serde(skip_serializing_if = "Option::is_none")]
    samples_js: Option<Vec<f64>>,
}

/// Demo 3.2's restoration from a noisy tail (only when `noise_ratio > 0`).
#[derive(Serialize)]
pub struct Noisy {
    noisy_tail: Vec<f64>,
    restored_from_noisy: Vec<Vec<f64>>,
    restored_from_noisy_js: Vec<f64>,
}

fn demo3(r: &Record) -> Result<Demo3Out, InputError> {
    use demos::demo_3;
    let source = source(r)?;
    let p = demo_3::Params {
        seed: match source {
            Source::Seed(seed) => seed,
            Source::Own(_) => demos::DATA_SEED, // unused: the chain starts from q_x
        },
        start_alpha: r.alpha("start_alpha")?,
        end_alpha: r.alpha("end_alpha")?,
        steps: r.whole("steps", 1, chain::MAX_STEPS as u64)? as usize,
        noise_seed: r.seed("noise_seed")?,
        noise_ratio: r.number_in("noise_ratio", 0.0, 1.0)?,
    };
    let samples = if r.has("samples") {
        let (min, max) = (demo_3::SAMPLES.min as u64, demo_3::SAMPLES.max as u64);
        Some(r.whole("samples", min, max)? as usize)
    } else {
        None
    };
    let c = match &source {
        Source::Seed(_) => demo_3::chain(&p)?,
        Source::Own(q_x) => chain::Chain::new(q_x, &demo_3::alphas(&p)?)?,
    };
    let normal = demo_3::restored_from_normal(&c)?;
    let fitted = demo_3::FittedRestoration::run(&c)?.restored();
    let from_noisy = demo_3::restored_from_noisy(&c, &p)?;
    let samples_js = match samples {
        Some(n) => {
            // Compared with the restoration from the tail the particles start from.
            let reference = from_noisy.as_ref().map_or(&normal, |(_, r)| r);
            let mut particles = demo_3::particles(&c, &p, n)?;
            while particles.step(&c)? {}
            Some(demo_3::samples_js(particles.histograms(), reference))
        }
        None => None,
    };
    let noisy = from_noisy.map(|(noisy_tail, r)| Noisy {
        noisy_tail,
        restored_from_noisy: r.pdfs,
        restored_from_noisy_js: r.js,
    });
    Ok(Demo3Out {
        alphas: c.alphas().to_vec(),
        forward: c.forward().to_vec(),
        restored_from_normal: normal.pdfs,
        restored_from_normal_js: normal.js,
        restored_fitted: fitted.pdfs,
        restored_fitted_js: fitted.js,
        noisy,
        samples_js,
    })
}

/// Demos 4.1 and 4.2: lambda2, one contraction of two inputs, and the iterates
/// `Q^n z` converging to q(x).
#[derive(Serialize)]
pub struct Demo4Out {
    /// The seed's shape (none for the record's own q_x).
    #[serde(skip_serializing_if = "Option::is_none")]
    shape_type: Option<u32>,
    q_x: Vec<f64>,
    q_z: Vec<f64>,
    lambda2: f64,
    input1: Vec<f64>,
    input2: Vec<f64>,
    output1: Vec<f64>,
    output2: Vec<f64>,
    input_modal_counts: [usize; 2],
    input_seeds: [u32; 2],
    input_shapes: [u32; 2],
    js_in: f64,
    js_out: f64,
    fixed_point_input: Vec<f64>,
    fixed_point_input_js: f64,
    iterations: Vec<IterationOut>,
}

/// One displayed iterate of demo 4.2.
#[derive(Serialize)]
pub struct IterationOut {
    n: u64,
    q: Vec<f64>,
    js: f64,
}

fn demo4(r: &Record) -> Result<Demo4Out, InputError> {
    let source = source(r)?;
    let alpha = r.alpha("alpha")?;
    let inputs_seed = r.seed("inputs_seed")?;
    let fixed_point_seed = r.seed("fixed_point_seed")?;
    let iterate_number = r.whole("iterate_number", 0, MAX_ITERATE)?;

    let (shape_type, q_x) = match source {
        Source::Seed(seed) => {
            let (shape, q_x) = data_for_seed(seed)?;
            (Some(shape), q_x)
        }
        Source::Own(q_x) => (None, q_x),
    };
    let step = ForwardStep::new(&q_x, alpha)?;
    let lambda2 = contraction::lambda2(&q_x, &step)?;
    let c = contraction::contraction(&step, inputs_seed)?;
    let z = converge::fixed_point_input(fixed_point_seed)?;
    let power = PowerIteration::new(&q_x, &step)?;
    let iterations = converge::iterate(&power, &q_x, &z, iterate_number)?
        .into_iter()
        .map(|it| IterationOut {
            n: it.n,
            q: it.q,
            js: it.js,
        })
        .collect();
    let [input1, input2] = c.inputs.inputs;
    let [output1, output2] = c.outputs;
    Ok(Demo4Out {
        shape_type,
        fixed_point_input_js: js_distance(&z, &q_x),
        q_x,
        q_z: step.q_z().to_vec(),
        lambda2,
        input1,
        input2,
        output1,
        output2,
        input_modal_counts: c.inputs.modal_counts,
        input_seeds: c.inputs.seeds,
        input_shapes: c.inputs.shapes,
        js_in: c.js_in,
        js_out: c.js_out,
        fixed_point_input: z,
        iterations,
    })
}
