//! Things drawn on top of a plot: marker lines, text annotations, and where
//! legends and annotations sit.

use crate::style::{LineStyle, PlotColor};

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
