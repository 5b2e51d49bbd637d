//! Figure C.1: the L1 non-expansion row by row, as two tables.

use super::words::{fill, lines, num, short, Words};
use super::{FigureChart, Panel, INPUTS_SIZE, TERMS_SIZE};
use crate::figures::table::{TableCell, TableChart, TableRow};
use crate::marks::HAlign;
use crate::style::PlotColor;

/// The numbers of C.1 (`dpm_engine::figures::L1Terms`), five states.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct L1View<'a> {
    /// The states' values (x and z).
    pub states: &'a [f64; 5],
    /// `r(x_i | z_j)`.
    pub transition: &'a [[f64; 5]; 5],
    pub p: &'a [f64; 5],
    pub q: &'a [f64; 5],
    pub diff: &'a [f64; 5],
    /// `r(x_i | z_j) (p_j - q_j)`.
    pub terms: &'a [[f64; 5]; 5],
    /// `|sum_j terms[i][j]|`.
    pub out_terms: &'a [f64; 5],
    /// `sum_j |terms[i][j]|`.
    pub bound_terms: &'a [f64; 5],
    pub signs_agree: &'a [bool; 5],
    pub l1_in: f64,
    pub l1_out: f64,
}

/// C.1 (a) and (b). (a): each row is one absolute value of eq. C.15, its
/// five terms tinted by sign (red positive, blue negative, grey zero), then
/// `|sum|`, `=` or `<` and `sum |.|`; the last row holds the two L1 norms.
/// (b): the transition `r(x|z)` (zeros grey) and the two inputs.
///
/// Words: `c1.terms_title`, `c1.inputs_title`, `c1.corner`, `c1.diff`,
/// `c1.out_head`, `c1.bound_head`, `c1.total`, `c1.p`, `c1.q`,
/// `c1.terms_note`, `c1.inputs_note`, `c1.desc_terms` ({mixed}, {out},
/// {in}, {relation}), `c1.desc_inputs`.
pub fn c1_panels(v: &L1View<'_>, w: Words<'_>) -> Vec<Panel<'static>> {
    let equal = (v.l1_in - v.l1_out).abs() <= 1e-12;
    let relation = if equal { "=" } else { "<" };
    let mixed = v.signs_agree.iter().filter(|a| !**a).count().to_string();
    let desc_terms = fill(
        &w("c1.desc_terms"),
        &[
            ("mixed", &mixed),
            ("out", &num(v.l1_out, 3)),
            ("in", &num(v.l1_in, 3)),
            ("relation", relation),
        ],
    );
    vec![
        Panel {
            chart: FigureChart::Table(terms_table(v, relation, w)),
            size: TERMS_SIZE,
            desc: desc_terms,
        },
        Panel {
            chart: FigureChart::Table(inputs_table(v, w)),
            size: INPUTS_SIZE,
            desc: w("c1.desc_inputs"),
        },
    ]
}

/// (a): header, `p - q`, a row of terms per state, the two norms.
fn terms_table(v: &L1View<'_>, relation: &str, w: Words<'_>) -> TableChart {
    let mut head = states_head(v, w);
    head.push(TableCell::new(w("c1.out_head")).bold());
    head.push(TableCell::new(""));
    head.push(TableCell::new(w("c1.bound_head")).bold());
    let mut diff = vec![TableCell::new(w("c1.diff")).bold()];
    diff.extend(v.diff.iter().map(|d| TableCell {
        color: sign_color(*d),
        ..TableCell::new(signed(*d)).bold()
    }));
    diff.extend(empty_cells(3));
    let mut rows = vec![TableRow::new(head, false), TableRow::new(diff, false)];
    rows.extend((0..5).map(|i| TableRow::new(terms_row(v, i), i == 0)));
    let mut total = vec![TableCell::new(w("c1.total")).bold().aligned(HAlign::Left)];
    total.extend(empty_cells(5));
    total.push(TableCell::new(num(v.l1_out, 3)).bold());
    total.push(TableCell::new(relation).bold());
    total.push(TableCell::new(num(v.l1_in, 3)).bold());
    rows.push(TableRow::new(total, true));
    TableChart {
        title: w("c1.terms_title"),
        columns: vec![1.55, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.45, 1.0],
        rows,
        notes: lines(w, "c1.terms_note"),
    }
}

/// State `i`'s terms tinted by sign, `|sum|`, `=` or `<`, `sum |.|`.
fn terms_row(v: &L1View<'_>, i: usize) -> Vec<TableCell> {
    let mut cells = vec![TableCell::new(short(v.states[i], 0)).bold()];
    cells.extend(v.terms[i].iter().map(|&term| match sign_color(term) {
        Some(c) => TableCell::new(signed(term)).tinted(c),
        None => TableCell::new("0").colored(PlotColor::Gray),
    }));
    cells.push(TableCell::new(num(v.out_terms[i], 3)));
    cells.push(if v.signs_agree[i] {
        TableCell::new("=")
    } else {
        TableCell::new("<").tinted(PlotColor::Orange).bold()
    });
    cells.push(TableCell::new(num(v.bound_terms[i], 3)));
    cells
}

/// (b): header, the transition (zeros grey), the inputs p and q.
fn inputs_table(v: &L1View<'_>, w: Words<'_>) -> TableChart {
    let mut rows = vec![TableRow::new(states_head(v, w), false)];
    for i in 0..5 {
        let mut cells = vec![TableCell::new(short(v.states[i], 0)).bold()];
        cells.extend(v.transition[i].iter().map(|&r| {
            if r == 0.0 {
                TableCell::new("0").colored(PlotColor::Gray)
            } else {
                TableCell::new(num(r, 3))
            }
        }));
        rows.push(TableRow::new(cells, i == 0));
    }
    let inputs = [
        ("c1.p", v.p, PlotColor::Orange),
        ("c1.q", v.q, PlotColor::Green),
    ];
    for (k, (key, values, color)) in inputs.into_iter().enumerate() {
        let mut cells = vec![TableCell::new(w(key)).bold().colored(color)];
        cells.extend(
            values
                .iter()
                .map(|x| TableCell::new(num(*x, 3)).colored(color)),
        );
        rows.push(TableRow::new(cells, k == 0));
    }
    TableChart {
        title: w("c1.inputs_title"),
        columns: vec![1.25, 1.0, 1.0, 1.0, 1.0, 1.0],
        rows,
        notes: lines(w, "c1.inputs_note"),
    }
}

/// The corner cell and the five states, bold.
fn states_head(v: &L1View<'_>, w: Words<'_>) -> Vec<TableCell> {
    let mut head = vec![TableCell::new(w("c1.corner")).bold()];
    head.extend(v.states.iter().map(|s| TableCell::new(short(*s, 0)).bold()));
    head
}

fn signed(v: f64) -> String {
    if v == 0.0 {
        "0".into()
    } else if v > 0.0 {
        format!("+{v:.3}")
    } else {
        format!("\u{2212}{:.3}", -v)
    }
}

fn sign_color(v: f64) -> Option<PlotColor> {
    if v > 0.0 {
        Some(PlotColor::Red)
    } else if v < 0.0 {
        Some(PlotColor::Blue)
    } else {
        None
    }
}

fn empty_cells(n: usize) -> impl Iterator<Item = TableCell> {
    (0..n).map(|_| TableCell::new(""))
}
