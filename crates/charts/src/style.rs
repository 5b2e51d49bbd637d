//! Colours, line styles and the sizes every chart derives from one base font
//! size and one pixel scale.

use plotters::style::RGBColor;

/// A named plot colour. The four the article talks about are matplotlib's
/// "tab" colours, so the text can say "the orange curve" and mean the same
/// hue as the original figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlotColor {
    /// `#1f77b4`: q(x), forward pdfs.
    Blue,
    /// `#ff7f0e`: posteriors, the z marker line, fitted restores.
    Orange,
    /// `#2ca02c`: GaussFun, backward restores, N(0,1).
    Green,
    /// `#d62728`: restores from a noisy tail.
    Red,
    /// `#7f7f7f`: anything neutral.
    Gray,
    /// `#000000`.
    Black,
}

/// Each colour's RGB, in the order of [`PlotColor`]'s variants: on a light
/// chart (the original's) and on a dark one ([`PlotColor::rgb_dark`]).
const RGB: [[(u8, u8, u8); 2]; 6] = [
    [(0x1f, 0x77, 0xb4), (0x4b, 0x9f, 0xdc)],
    [(0xff, 0x7f, 0x0e), (0xff, 0x8f, 0x2e)],
    [(0x2c, 0xa0, 0x2c), (0x45, 0xbd, 0x45)],
    [(0xd6, 0x27, 0x28), (0xef, 0x55, 0x56)],
    [(0x7f, 0x7f, 0x7f), (0x9a, 0x9a, 0x9a)],
    [(0x00, 0x00, 0x00), (0xe3, 0xe6, 0xea)],
];

/// The light colours as CSS hex strings (`#1f77b4`), made from [`RGB`].
static HEX: [[u8; 7]; 6] = {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = [[b'#'; 7]; 6];
    let mut i = 0;
    while i < 6 {
        let (r, g, b) = RGB[i][0];
        let bytes = [r, g, b];
        let mut k = 0;
        while k < 3 {
            out[i][1 + 2 * k] = DIGITS[(bytes[k] >> 4) as usize];
            out[i][2 + 2 * k] = DIGITS[(bytes[k] & 0xf) as usize];
            k += 1;
        }
        i += 1;
    }
    out
};

impl PlotColor {
    /// The colour as 8-bit RGB.
    pub const fn rgb(self) -> (u8, u8, u8) {
        RGB[self as usize][0]
    }

    /// The colour as a CSS hex string, for the article text that names it.
    pub const fn hex(self) -> &'static str {
        match core::str::from_utf8(&HEX[self as usize]) {
            Ok(hex) => hex,
            Err(_) => "#000000",
        }
    }

    /// The colour on a dark chart background: the same hue, lifted so a
    /// line keeps at least 3:1 contrast with [`Palette::DARK`]'s background
    /// (WCAG 1.4.11). The page's CSS (`--c-blue` …) uses the same values.
    pub const fn rgb_dark(self) -> (u8, u8, u8) {
        RGB[self as usize][1]
    }
}

/// Light (white background, the original's look) or dark charts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Theme {
    /// Dark ink on white.
    #[default]
    Light,
    /// Light ink on a dark background; plot colours lifted
    /// ([`PlotColor::rgb_dark`]). Heat maps keep viridis.
    Dark,
}

/// The colours of one theme: the chart furniture and the plot colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// The theme these colours are for.
    pub theme: Theme,
    /// Behind everything (and behind a heat map's empty cells).
    pub background: (u8, u8, u8),
    /// Titles, tick labels, legends.
    pub text: (u8, u8, u8),
    /// Secondary text (table notes).
    pub soft_text: (u8, u8, u8),
    /// Axes and ticks.
    pub spine: (u8, u8, u8),
    /// Grid lines under the data.
    pub grid: (u8, u8, u8),
    /// Legend frames and light table rules.
    pub legend_edge: (u8, u8, u8),
}

impl Palette {
    /// matplotlib's defaults, slightly softened.
    pub const LIGHT: Palette = Palette::new(
        Theme::Light,
        [0xffffff, 0x262626, 0x555d66, 0x333333, 0xe6e6e6, 0xcccccc],
    );

    /// For the page's dark theme: the background is the page's dark
    /// surface (`--chart-bg` in www/theme.css), text at over 12:1 on it.
    pub const DARK: Palette = Palette::new(
        Theme::Dark,
        [0x161a20, 0xe3e6ea, 0xa9b1bb, 0xb8bec6, 0x2e353e, 0x4a525c],
    );

    /// A palette from `0xRRGGBB` colours in the order of the fields:
    /// background, text, soft text, spine, grid, legend edge.
    const fn new(theme: Theme, c: [u32; 6]) -> Palette {
        const fn rgb(c: u32) -> (u8, u8, u8) {
            ((c >> 16) as u8, (c >> 8) as u8, c as u8)
        }
        Palette {
            theme,
            background: rgb(c[0]),
            text: rgb(c[1]),
            soft_text: rgb(c[2]),
            spine: rgb(c[3]),
            grid: rgb(c[4]),
            legend_edge: rgb(c[5]),
        }
    }

    /// The palette of `theme`.
    pub const fn of(theme: Theme) -> Palette {
        match theme {
            Theme::Light => Palette::LIGHT,
            Theme::Dark => Palette::DARK,
        }
    }

    /// A named plot colour in this theme.
    pub const fn plot_rgb(&self, c: PlotColor) -> (u8, u8, u8) {
        match self.theme {
            Theme::Light => c.rgb(),
            Theme::Dark => c.rgb_dark(),
        }
    }

    pub(crate) fn plot(&self, c: PlotColor) -> RGBColor {
        rgb(self.plot_rgb(c))
    }

    pub(crate) fn background(&self) -> RGBColor {
        rgb(self.background)
    }

    pub(crate) fn text(&self) -> RGBColor {
        rgb(self.text)
    }

    pub(crate) fn soft_text(&self) -> RGBColor {
        rgb(self.soft_text)
    }

    pub(crate) fn spine(&self) -> RGBColor {
        rgb(self.spine)
    }

    pub(crate) fn grid(&self) -> RGBColor {
        rgb(self.grid)
    }

    pub(crate) fn legend_edge(&self) -> RGBColor {
        rgb(self.legend_edge)
    }
}

const fn rgb((r, g, b): (u8, u8, u8)) -> RGBColor {
    RGBColor(r, g, b)
}

/// How a curve or marker line is stroked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum LineStyle {
    /// A continuous line.
    #[default]
    Solid,
    /// Dashes as matplotlib's `"--"` (3.7 on, 1.6 off, in line widths).
    Dashed,
}

/// What a plotters font size means on the backend that draws the chart.
///
/// The stock backends disagree: plotters-canvas sets the canvas font to
/// `{size}px`, plotters-svg writes `font-size = size / 1.24`. Charts specify
/// text in CSS pixels and convert with this, so a title is the same size on a
/// canvas as in an SVG figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextUnits {
    /// plotters-canvas (`CanvasBackend`): size is in pixels.
    Canvas,
    /// plotters-svg (`SVGBackend`): size is 1.24 pixels.
    Svg,
}

/// How a chart is drawn on one particular surface.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RenderOptions {
    /// Backend pixels per CSS pixel. On a canvas sized `css size ×
    /// devicePixelRatio` this is `devicePixelRatio`; for a figure file it is
    /// the zoom. Line widths, font sizes, paddings and tick lengths are all
    /// multiplied by it.
    pub scale: f64,
    /// Tick-label font size in CSS pixels; titles, legends and axis labels are
    /// sized relative to it. Charts shrink it (down to 7 px) when they are
    /// small, so small multiples stay legible without a second theme.
    pub font_px: f64,
    /// The backend's text units.
    pub text_units: TextUnits,
    /// Light or dark colours.
    pub theme: Theme,
}

impl RenderOptions {
    /// Options for a plotters-canvas `CanvasBackend` whose pixel size is its
    /// CSS size times `device_pixel_ratio`.
    pub fn canvas(device_pixel_ratio: f64) -> Self {
        RenderOptions {
            scale: sanitize_scale(device_pixel_ratio),
            font_px: DEFAULT_FONT_PX,
            text_units: TextUnits::Canvas,
            theme: Theme::Light,
        }
    }

    /// Options for plotters' `SVGBackend` (and PNGs rasterised from it) at
    /// `scale` backend pixels per CSS pixel.
    pub fn svg(scale: f64) -> Self {
        RenderOptions {
            scale: sanitize_scale(scale),
            font_px: DEFAULT_FONT_PX,
            text_units: TextUnits::Svg,
            theme: Theme::Light,
        }
    }

    /// The same options with another base font size (CSS pixels).
    pub fn with_font_px(mut self, font_px: f64) -> Self {
        if font_px.is_finite() && font_px > 0.0 {
            self.font_px = font_px;
        }
        self
    }

    /// The same options in another theme.
    pub fn with_theme(mut self, theme: Theme) -> Self {
        self.theme = theme;
        self
    }
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions::svg(1.0)
    }
}

const DEFAULT_FONT_PX: f64 = 11.0;

fn sanitize_scale(scale: f64) -> f64 {
    if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    }
}

/// All sizes of one drawing in backend pixels, derived from the options and
/// the size of the drawing area.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Metrics {
    text_factor: f64,
    /// Tick labels, legend and annotations.
    pub font: f64,
    pub title_font: f64,
    pub label_font: f64,
    pub pad: f64,
    pub gap: f64,
    pub major_tick: f64,
    pub minor_tick: f64,
    pub axis_width: u32,
    pub grid_width: u32,
    pub series_width: u32,
    pub dash_on: u32,
    pub dash_off: u32,
    /// The theme's colours.
    pub palette: Palette,
}

impl Metrics {
    pub fn new(opts: &RenderOptions, size: (u32, u32)) -> Self {
        let s = sanitize_scale(opts.scale);
        let css_short = f64::from(size.0.min(size.1)) / s;
        // About 18 tick labels' heights along the short side: a 400 px chart
        // keeps 11 px labels, a 150 px small multiple gets 8 px ones.
        let font_css = opts.font_px.min(css_short / 18.0).max(7.0);
        let font = font_css * s;
        // Small multiples shrink their furniture with their text.
        let k = (font_css / opts.font_px.max(7.0)).clamp(0.6, 1.0);
        let px = |css: f64| css * k * s;
        let width = |css: f64| (css * k * s).round().max(1.0) as u32;
        let series_width = width(1.75);
        Metrics {
            text_factor: match opts.text_units {
                TextUnits::Canvas => 1.0,
                TextUnits::Svg => 1.24,
            },
            font,
            title_font: font * 1.18,
            label_font: font,
            pad: px(6.0),
            gap: px(4.0),
            major_tick: px(4.0),
            minor_tick: px(2.2),
            axis_width: width(0.9),
            grid_width: width(0.8),
            series_width,
            dash_on: (3.7 * f64::from(series_width)).round() as u32,
            dash_off: (1.6 * f64::from(series_width)).round().max(1.0) as u32,
            palette: Palette::of(opts.theme),
        }
    }

    /// The plotters font size that renders `px` backend pixels tall.
    pub fn font_size(&self, px: f64) -> f64 {
        px * self.text_factor
    }
}
