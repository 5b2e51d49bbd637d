//! Shared by the integration tests and the bench: the article's grid, a
//! made-up pdf, and a backend that only records what it was asked to draw.
#![allow(dead_code)]

use std::cell::RefCell;
use std::rc::Rc;

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend, IntoDrawingArea};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

/// The 461-point grid as NumPy's `linspace(-2.3, 2.3, 461)`.
pub fn grid() -> Vec<f64> {
    let res = (2.3 - (-2.3)) / 460.0;
    (0..461)
        .map(|i| if i == 460 { 2.3 } else { i as f64 * res - 2.3 })
        .collect()
}

pub fn normal(x: f64, mean: f64, std: f64) -> f64 {
    (-(x - mean).powi(2) / (2.0 * std * std)).exp() / (std * (2.0 * std::f64::consts::PI).sqrt())
}

/// A two-Gaussian pdf on `x`.
pub fn two_gaussians(x: &[f64]) -> Vec<f64> {
    x.iter()
        .map(|&v| 0.4 * normal(v, -0.8, 0.15) + 0.6 * normal(v, 0.6, 0.3))
        .collect()
}

/// The four "tab" colours of the curves, in matplotlib's order.
pub const TAB_COLORS: [dpm_charts::PlotColor; 4] = [
    dpm_charts::PlotColor::Blue,
    dpm_charts::PlotColor::Orange,
    dpm_charts::PlotColor::Green,
    dpm_charts::PlotColor::Red,
];

/// exp(-(x-z)^2) on the grid, row i = x_i, column j = z_j.
pub fn ridge(x: &[f64]) -> Vec<f64> {
    x.iter()
        .flat_map(|&xi| x.iter().map(move |&zj| (-(xi - zj).powi(2)).exp()))
        .collect()
}

/// Everything a [`Recorder`] was asked to draw.
#[derive(Debug, Default)]
pub struct Log {
    pub pixels: usize,
    pub lines: usize,
    pub rects: usize,
    pub paths: Vec<((u8, u8, u8), usize)>,
    pub texts: Vec<String>,
    pub blits: Vec<(BackendCoord, (u32, u32), usize)>,
}

/// A backend that draws nothing and logs every call; it keeps the trait's
/// default `blit_bitmap` unless `blits_natively`, like plotters-canvas.
pub struct Recorder {
    pub size: (u32, u32),
    pub log: Rc<RefCell<Log>>,
    pub blits_natively: bool,
}

#[derive(Debug)]
pub struct NoError;
impl std::fmt::Display for NoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no error")
    }
}
impl std::error::Error for NoError {}

impl Recorder {
    pub fn new(size: (u32, u32), blits_natively: bool) -> (Self, Rc<RefCell<Log>>) {
        let log = Rc::new(RefCell::new(Log::default()));
        (
            Recorder {
                size,
                log: log.clone(),
                blits_natively,
            },
            log,
        )
    }
}

/// Draws with `draw` on a [`Recorder`] of `size`; what it returned and the log.
pub fn record<T, E: std::fmt::Debug>(
    size: (u32, u32),
    blits_natively: bool,
    draw: impl FnOnce(&DrawingArea<Recorder, Shift>) -> Result<T, E>,
) -> (T, Rc<RefCell<Log>>) {
    let (backend, log) = Recorder::new(size, blits_natively);
    (draw(&backend.into_drawing_area()).unwrap(), log)
}

/// What every drawing call of the recorder returns.
type Drawn = Result<(), DrawingErrorKind<NoError>>;

impl DrawingBackend for Recorder {
    type ErrorType = NoError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }

    fn present(&mut self) -> Drawn {
        Ok(())
    }

    fn draw_pixel(&mut self, _: BackendCoord, _: BackendColor) -> Drawn {
        self.log.borrow_mut().pixels += 1;
        Ok(())
    }

    fn draw_line<S: BackendStyle>(&mut self, _: BackendCoord, _: BackendCoord, _: &S) -> Drawn {
        self.log.borrow_mut().lines += 1;
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        _: BackendCoord,
        _: BackendCoord,
        _: &S,
        _: bool,
    ) -> Drawn {
        self.log.borrow_mut().rects += 1;
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        let n = path.into_iter().count();
        self.log.borrow_mut().paths.push((style.color().rgb, n));
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, _: &S, _: BackendCoord) -> Drawn {
        self.log.borrow_mut().texts.push(text.to_string());
        Ok(())
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Drawn {
        if !self.blits_natively {
            // The trait's default: one draw_pixel per pixel.
            for _ in 0..(size.0 * size.1) {
                self.draw_pixel(
                    pos,
                    BackendColor {
                        alpha: 1.0,
                        rgb: (0, 0, 0),
                    },
                )?;
            }
            return Ok(());
        }
        self.log.borrow_mut().blits.push((pos, size, src.len()));
        Ok(())
    }
}

/// Compares `actual` with `tests/snapshots/<name>`; with `UPDATE_SNAPSHOTS=1`
/// rewrites the file instead. Look at a changed SVG before committing it.
pub fn check_snapshot(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no snapshot {name}; run with UPDATE_SNAPSHOTS=1 to create it"));
    assert!(
        expected == actual,
        "{name} changed; rerun with UPDATE_SNAPSHOTS=1 and review the diff"
    );
}

/// The text contents of an SVG's `<text>` elements (plotters-svg writes them
/// on their own lines).
pub fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let body = &t[t.find('>')? + 1..t.find("</text>")?];
            Some(body.trim().to_string())
        })
        .collect()
}
