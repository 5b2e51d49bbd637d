//! Demo 3.2's samples view (issue 16): N particles drawn from the tail and
//! carried back through the chain's posteriors by ancestral sampling
//! (`dpm_engine::sample`, seeded by the noise seed), drawn as a gray
//! histogram under every step's curves, with the JS distance of each step's
//! histogram to the restored density as readouts `samples_js_<t>`.
//!
//! The sampling runs as apply units, one chain step per unit, after the
//! restoration and before any panel is drawn; their summed time is the
//! User Timing measure `demo_3_2:samples` (20,000 particles through 15
//! steps: see BENCHMARKS.md).

use std::cell::Cell;

use dpm_charts::{LineChart, PlotColor, Series};
use dpm_engine::chain::Chain;
use dpm_engine::demos::demo_3::{self as model, Params, Restored};
use dpm_engine::sample::{self, Particles};
use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::dom::NumberSpec;
use crate::schedule;

/// The particle-count field: 100..20,000 in steps of 100.
pub const SPEC: NumberSpec = NumberSpec::of(&model::SAMPLES, 0);

/// Grid cells per drawn bin (0.1 wide): one cell's count of a few thousand
/// particles is mostly noise to the eye; the readouts compare cell by cell.
const DRAWN_CELLS: usize = 10;

/// The measure's name.
const MEASURE: &str = "demo_3_2:samples";

/// The particles of the current result and how long drawing them took.
#[derive(Default)]
pub struct SamplesView {
    /// Shown (the checkbox, off at first): the particles are drawn only
    /// when shown, so a plain apply costs nothing more.
    pub show: bool,
    /// What the particles of the current result are drawn with, until drawn.
    wanted: Option<(Params, usize)>,
    particles: Option<Particles>,
    /// Per step, the drawn (binned) histogram; empty until done.
    drawn: Vec<Vec<f64>>,
    /// Per step, JS of the histogram to the restored pdf.
    js: Vec<f64>,
    /// Time spent in sampling units for the current particles (ms).
    spent: f64,
    measures: Cell<u32>,
}

impl SamplesView {
    /// Shown, with no particles yet.
    pub fn new() -> Self {
        SamplesView::default()
    }

    /// A new result (chain `c` at `p`, `n` particles): its particles are
    /// drawn now if the view is shown, else when it is first shown.
    pub fn prepare(&mut self, c: &Chain, p: &Params, n: usize) -> Result<(), String> {
        self.drawn.clear();
        self.js.clear();
        self.particles = None;
        self.wanted = Some((*p, n));
        self.start_if_shown(c)
    }

    /// Draws the wanted particles if the view is shown and they are not drawn yet.
    pub fn start_if_shown(&mut self, c: &Chain) -> Result<(), String> {
        if !self.show {
            return Ok(());
        }
        match self.wanted.take() {
            Some((p, n)) => self.start(c, &p, n),
            None => Ok(()),
        }
    }

    /// Draws `n` particles for the chain `c` at `p` (the first unit).
    fn start(&mut self, c: &Chain, p: &Params, n: usize) -> Result<(), String> {
        let t0 = schedule::now();
        self.particles = Some(model::particles(c, p, n).map_err(|e| e.to_string())?);
        self.spent = schedule::now() - t0;
        Ok(())
    }

    /// Carries the particles one step back; `Ok(false)` when there was
    /// nothing to do. On the last step, computes the JS distances to
    /// `restored` and records the measure.
    pub fn advance(&mut self, c: &Chain, restored: &Restored) -> Result<bool, String> {
        let Some(particles) = &mut self.particles else {
            return Ok(false);
        };
        let t0 = schedule::now();
        let more = particles.step(c).map_err(|e| e.to_string())?;
        if !more {
            let hists = particles.histograms();
            self.js = model::samples_js(hists, restored);
            self.drawn = hists
                .iter()
                .map(|h| sample::coarse(h, DRAWN_CELLS))
                .collect();
            self.particles = None;
        }
        self.spent += schedule::now() - t0;
        if !more {
            let end = schedule::now();
            schedule::measure(MEASURE, end - self.spent, &self.measures);
        }
        Ok(true)
    }

    /// JS distance of step t's histogram (after the sampling is done).
    pub fn js(&self, t: usize) -> Option<f64> {
        self.js.get(t).copied()
    }

    /// Puts step t's histogram under the curves of `chart` (if shown and done).
    pub fn under<'a>(&'a self, t: usize, mut chart: LineChart<'a>) -> LineChart<'a> {
        if let (true, Some(h)) = (self.show, self.drawn.get(t)) {
            chart.series.insert(0, Series::new(h, PlotColor::Gray));
        }
        chart
    }

    /// Appends the readout `samples_js_<t>` to `caption`, marked with the
    /// histogram's gray (as the restores' readouts are with their colours).
    pub fn readout(&self, caption: &Element, t: usize) -> Result<(), JsValue> {
        let Some(js) = self.js(t) else {
            return Ok(());
        };
        crate::apply::js_readout(caption, &format!("samples_js_{t}"), Some("gray"), js)
    }
}
