//! PNG figures (feature `png`): the SVG documents rasterised by resvg.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};

use crate::ChartError;

/// DejaVu Sans (matplotlib's default face), see `fonts/LICENSE-DejaVu.txt`.
static DEJAVU_SANS: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

/// The font database: only the embedded face, answering for every generic
/// family, so rendering never depends on the fonts of the machine.
fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            db.load_font_data(DEJAVU_SANS.to_vec());
            let family = "DejaVu Sans";
            db.set_sans_serif_family(family);
            db.set_serif_family(family);
            db.set_monospace_family(family);
            Arc::new(db)
        })
        .clone()
}

/// Rasterises an SVG document at its own pixel size (its `width` and
/// `height`) on white, as PNG bytes.
pub fn svg_to_png(svg: &str) -> Result<Vec<u8>, ChartError> {
    let options = usvg::Options {
        fontdb: fonts(),
        font_family: "DejaVu Sans".into(),
        ..usvg::Options::default()
    };
    let tree =
        usvg::Tree::from_str(svg, &options).map_err(|e| ChartError::Encode(e.to_string()))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| ChartError::Encode("empty image".into()))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ChartError::Encode(e.to_string()))
}
