//! Drawing [`Mark`]s on a plot, in data coordinates clamped to the plot area.

use plotters::element::Circle;
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;

use super::{HAlign, Ink, Mark};
use crate::draw::{self, area_error, p, Area, Mapping, TextSpec};
use crate::layout::text_width;
use crate::style::{LineStyle, Metrics};
use crate::ChartError;

/// Draws `marks` in order over the plot of `map`.
pub(crate) fn draw_marks<'k, DB: DrawingBackend>(
    area: &Area<DB>,
    map: &Mapping,
    marks: impl IntoIterator<Item = &'k Mark>,
    m: &Metrics,
) -> Result<(), ChartError> {
    let on = OnPlot { area, map, m };
    for mark in marks {
        on.draw(mark)?;
    }
    Ok(())
}

/// The area, plot mapping and sizes marks are drawn with.
struct OnPlot<'a, DB: DrawingBackend> {
    area: &'a Area<DB>,
    map: &'a Mapping,
    m: &'a Metrics,
}

impl<DB: DrawingBackend> OnPlot<'_, DB> {
    /// A data x as a pixel column, clamped to the plot.
    fn cx(&self, v: f64) -> f64 {
        let (left, _, right, _) = self.map.bounds();
        self.map.x(v).clamp(left, right)
    }

    /// A data y as a pixel row, clamped to the plot.
    fn cy(&self, v: f64) -> f64 {
        let (_, top, _, bottom) = self.map.bounds();
        self.map.y(v).clamp(top, bottom)
    }

    fn draw(&self, mark: &Mark) -> Result<(), ChartError> {
        match mark {
            Mark::Band { x, ink, opacity } => self.band(*x, *ink, *opacity),
            Mark::Outline { x, y, ink, dashed } => self.outline(*x, *y, *ink, *dashed),
            Mark::Label {
                x,
                y,
                text,
                ink,
                align,
                vertical,
            } => self.label((*x, *y), text, *ink, *align, *vertical),
            Mark::Bracket { x, y, text, ink } => self.bracket(*x, *y, text, *ink),
            Mark::Line(v) => draw::draw_vline(self.area, self.map, v, self.m),
            Mark::Dot { x, y, ink } => self.dot((*x, *y), *ink),
        }
    }

    fn band(&self, (x0, x1): (f64, f64), ink: Ink, opacity: f64) -> Result<(), ChartError> {
        let (_, top, _, bottom) = self.map.bounds();
        let (a, b) = (self.cx(x0), self.cx(x1));
        if b > a {
            let style = ink
                .rgb(&self.m.palette)
                .mix(opacity.clamp(0.0, 1.0))
                .filled();
            draw::rect(self.area, (a, top), (b, bottom), style)?;
        }
        Ok(())
    }

    fn outline(
        &self,
        (x0, x1): (f64, f64),
        (y0, y1): (f64, f64),
        ink: Ink,
        dashed: bool,
    ) -> Result<(), ChartError> {
        let (a, b, c, d) = (self.cx(x0), self.cx(x1), self.cy(y0), self.cy(y1));
        let run = vec![p(a, c), p(b, c), p(b, d), p(a, d), p(a, c)];
        let style = if dashed {
            LineStyle::Dashed
        } else {
            LineStyle::Solid
        };
        let width = self.m.series_width.max(1);
        draw::stroke_paths(
            self.area,
            vec![run],
            ink.rgb(&self.m.palette),
            width,
            style,
            self.m,
        )
    }

    fn label(
        &self,
        (x, y): (f64, f64),
        text: &str,
        ink: Ink,
        align: HAlign,
        vertical: bool,
    ) -> Result<(), ChartError> {
        if text.is_empty() || !x.is_finite() || !y.is_finite() {
            return Ok(());
        }
        let m = self.m;
        let (at_x, at_y) = (self.cx(x), self.cy(y));
        let w = text_width(text, m.font);
        let pad = m.font * 0.3;
        let hgt = m.font * 1.25;
        let (bw, bh) = if vertical { (hgt, w) } else { (w, hgt) };
        let x0 = match (align, vertical) {
            (_, true) | (HAlign::Center, false) => at_x - bw / 2.0,
            (HAlign::Left, false) => at_x,
            (HAlign::Right, false) => at_x - bw,
        };
        let y0 = at_y - bh / 2.0;
        draw::rect(
            self.area,
            (x0 - pad, y0 - pad * 0.5),
            (x0 + bw + pad, y0 + bh + pad * 0.5),
            m.palette.background().mix(0.82).filled(),
        )?;
        let spec = TextSpec {
            color: Some(ink.rgb(&m.palette)),
            rotated: vertical,
            ..TextSpec::new(m.font, HPos::Center, VPos::Center)
        };
        draw::text(self.area, text, (x0 + bw / 2.0, y0 + bh / 2.0), &spec, m)
    }

    fn bracket(
        &self,
        (x0, x1): (f64, f64),
        y: f64,
        text: &str,
        ink: Ink,
    ) -> Result<(), ChartError> {
        let m = self.m;
        let (a, b, yy) = (self.cx(x0), self.cx(x1), self.cy(y));
        let tick = m.major_tick * 1.2;
        let col = ink.rgb(&m.palette);
        let width = m.grid_width.max(1) + 1;
        draw::line(self.area, (a, yy), (b, yy), col, width)?;
        draw::line(self.area, (a, yy - tick), (a, yy + tick), col, width)?;
        draw::line(self.area, (b, yy - tick), (b, yy + tick), col, width)?;
        let spec = TextSpec {
            color: Some(col),
            ..TextSpec::new(m.font, HPos::Center, VPos::Bottom)
        };
        let at = ((a + b) / 2.0, yy - tick - m.gap * 0.3);
        draw::text(self.area, text, at, &spec, m)
    }

    fn dot(&self, (x, y): (f64, f64), ink: Ink) -> Result<(), ChartError> {
        let (left, top, right, bottom) = self.map.bounds();
        let (a, b) = (self.map.x(x), self.map.y(y));
        let inside = a >= left - 1.0 && a <= right + 1.0 && b >= top - 1.0 && b <= bottom + 1.0;
        if !inside {
            return Ok(());
        }
        let radius = (self.m.font * 0.32).round().max(2.0) as i32;
        self.area
            .draw(&Circle::new(
                p(a, b),
                radius,
                ink.rgb(&self.m.palette).filled(),
            ))
            .map_err(area_error)
    }
}
