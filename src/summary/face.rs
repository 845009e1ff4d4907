//! The typeface the PDF is printed in: DejaVu Sans, regular and bold, which
//! prints every accent and ñ. It is the system's copy (Debian's
//! fonts-dejavu-core, which the package depends on and WebKitGTK's fontconfig
//! pulls in anyway), handed in by the caller (`system::typeface`): built into
//! the program, its 1.4 MB were in each of the two binaries of the package.
//! Measures text for wrapping and turns it into glyphs, left to right, one
//! glyph per character.

use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider};

/// One weight: what krilla embeds, and what measures it.
pub struct Weight {
    pub font: Font,
    charmap: skrifa::charmap::Charmap<'static>,
    metrics: GlyphMetrics<'static>,
    units_per_em: f32,
}

impl Weight {
    fn load(data: &'static [u8]) -> Option<Weight> {
        let font = Font::new(data.into(), 0)?;
        let face = FontRef::new(data).ok()?;
        let units_per_em = f32::from(face.metrics(Size::unscaled(), LocationRef::default()).units_per_em.max(1));
        Some(Weight { font, charmap: face.charmap(), metrics: face.glyph_metrics(Size::unscaled(), LocationRef::default()), units_per_em })
    }

    /// The glyph and its advance (in ems) for a character; `.notdef` (a box)
    /// for one the font lacks, which still copies out as the character.
    fn glyph(&self, c: char) -> (GlyphId, f32) {
        let id = self.charmap.map(c).unwrap_or(skrifa::GlyphId::NOTDEF);
        let advance = self.metrics.advance_width(id).unwrap_or(0.0) / self.units_per_em;
        (GlyphId::new(id.to_u32()), advance)
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.glyph(c).1).sum::<f32>() * size
    }

    /// The glyphs of `text`, each covering its character, for krilla to draw
    /// (and to write the text behind them, so the PDF can be searched and copied).
    pub fn glyphs(&self, text: &str) -> Vec<KrillaGlyph> {
        text.char_indices()
            .map(|(i, c)| {
                let (id, advance) = self.glyph(c);
                KrillaGlyph::new(id, advance, 0.0, 0.0, 0.0, i..i + c.len_utf8(), None)
            })
            .collect()
    }
}

pub struct Face {
    pub regular: Weight,
    pub bold: Weight,
}

impl Face {
    /// The face of the two fonts' files; none when either is not a font.
    /// Their bytes live as long as the program: a caller loads the face once
    /// per process, since parsing and hashing the fonts is most of the cost of
    /// a small PDF.
    pub fn new(regular: &'static [u8], bold: &'static [u8]) -> Option<Face> {
        Some(Face { regular: Weight::load(regular)?, bold: Weight::load(bold)? })
    }

    pub fn weight(&self, bold: bool) -> &Weight {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }
}
