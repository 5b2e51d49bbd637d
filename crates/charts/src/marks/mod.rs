//! Things drawn on top of a plot: marker lines, text annotations, where
//! legends and annotations sit, and marks in data coordinates (shaded bands,
//! outlines, labels, brackets, dots), which `draw` draws.

mod draw;

pub(crate) use draw::draw_marks;

use plotters::style::RGBColor;

use crate::style::{LineStyle, Palette, PlotColor};

/// A corner of the plot area.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Corner {
    /// Top right (the default for legends).
    #[default]
    UpperRight,
    /// Top left.
    UpperLeft,
    /// Bottom right.
    LowerRight,
    /// Bottom left.
    LowerLeft,
}

impl Corner {
    pub(crate) fn is_right(self) -> bool {
        matches!(self, Corner::UpperRight | Corner::LowerRight)
    }

    pub(crate) fn is_upper(self) -> bool {
        matches!(self, Corner::UpperRight | Corner::UpperLeft)
    }
}

/// A vertical line across the whole plot area at data coordinate `x`, e.g.
/// the chosen condition z over the posterior heat map in Demo 2.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VLine {
    /// Where, in data coordinates; outside the x range draws nothing.
    pub x: f64,
    /// Its colour.
    pub color: PlotColor,
    /// Solid or dashed.
    pub style: LineStyle,
}

impl VLine {
    /// A solid orange line at `x`, the marker the article uses for z.
    pub fn at(x: f64) -> Self {
        VLine {
            x,
            color: PlotColor::Orange,
            style: LineStyle::Solid,
        }
    }
}

/// A line of text inside a corner of the plot area, such as `div=0.0123`.
/// Annotations sharing a corner stack in the order given, below (or above,
/// in a lower corner) the legend if it is there too.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    /// The text, already formatted and translated.
    pub text: String,
    /// Which corner.
    pub corner: Corner,
    /// Text colour; `None` is the ordinary text colour.
    pub color: Option<PlotColor>,
}

impl Annotation {
    /// Dark text in the upper-left corner.
    pub fn new(text: impl Into<String>) -> Self {
        Annotation {
            text: text.into(),
            corner: Corner::UpperLeft,
            color: None,
        }
    }

    /// The same annotation in another corner.
    pub fn in_corner(mut self, corner: Corner) -> Self {
        self.corner = corner;
        self
    }

    /// The same annotation in a plot colour, to tie it to a curve.
    pub fn colored(mut self, color: PlotColor) -> Self {
        self.color = Some(color);
        self
    }
}

/// The colour of a mark: a plot colour, or white/dark ink for text and lines
/// over a heat map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ink {
    /// One of the named plot colours.
    Plot(PlotColor),
    /// White (reads on viridis' dark end).
    White,
    /// The ordinary text colour.
    Dark,
}

impl Ink {
    pub(crate) fn rgb(self, palette: &Palette) -> RGBColor {
        match self {
            Ink::Plot(c) => palette.plot(c),
            Ink::White => RGBColor(255, 255, 255),
            Ink::Dark => palette.text(),
        }
    }
}

/// Horizontal placement of a label relative to its point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum HAlign {
    /// The text starts at the point.
    Left,
    /// Centred on the point.
    #[default]
    Center,
    /// The text ends at the point.
    Right,
}

/// Something drawn over a chart in data coordinates. On a line chart a band
/// shades under the grid and curves and the rest is drawn over the frame;
/// on a heat map every mark is drawn over the frame. Both in the order given.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    /// Shades the range `x` (from, to) over the plot's whole height.
    Band {
        x: (f64, f64),
        ink: Ink,
        opacity: f64,
    },
    /// The outline of the block over the ranges `x` and `y`.
    Outline {
        x: (f64, f64),
        y: (f64, f64),
        ink: Ink,
        dashed: bool,
    },
    /// Text at `(x, y)` in a translucent white box; `vertical` turns it to
    /// read bottom to top.
    Label {
        x: f64,
        y: f64,
        text: String,
        ink: Ink,
        align: HAlign,
        vertical: bool,
    },
    /// A bracket over the range `x` at height `y` with `text` above its
    /// middle (a width such as "3σ" or a gap).
    Bracket {
        x: (f64, f64),
        y: f64,
        text: String,
        ink: Ink,
    },
    /// A vertical line over the whole plot.
    Line(VLine),
    /// A filled dot.
    Dot { x: f64, y: f64, ink: Ink },
}

impl Mark {
    /// A centred horizontal label.
    pub fn label(x: f64, y: f64, text: impl Into<String>, ink: Ink) -> Self {
        Mark::Label {
            x,
            y,
            text: text.into(),
            ink,
            align: HAlign::Center,
            vertical: false,
        }
    }

    /// The same label aligned otherwise (other marks are unchanged).
    pub fn aligned(mut self, to: HAlign) -> Self {
        if let Mark::Label { align, .. } = &mut self {
            *align = to;
        }
        self
    }

    /// The same label, reading bottom to top if `upright` (other marks are
    /// unchanged).
    pub fn upright(mut self, upright: bool) -> Self {
        if let Mark::Label { vertical, .. } = &mut self {
            *vertical = upright;
        }
        self
    }

    /// A bracket over the range `x` at height `y`.
    pub fn bracket(x: (f64, f64), y: f64, text: impl Into<String>, ink: Ink) -> Self {
        let text = text.into();
        Mark::Bracket { x, y, text, ink }
    }

    /// A dashed outline of the block over the ranges `x` and `y`.
    pub fn dashed_outline(x: (f64, f64), y: (f64, f64), ink: Ink) -> Self {
        let dashed = true;
        Mark::Outline { x, y, ink, dashed }
    }

    /// Whether this is a band (drawn under a line chart's curves).
    pub(crate) fn is_band(&self) -> bool {
        matches!(self, Mark::Band { .. })
    }
}
