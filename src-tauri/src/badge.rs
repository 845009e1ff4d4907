//! The tray's picture: the app icon with the number of overdue promises drawn
//! on it, as a red badge in its lower right corner. Pure pixels, no font
//! library: ten digits and a plus sign as a 5×7 grid, scaled to the icon.

/// An RGBA picture, row by row, four bytes a pixel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    pub rgba: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// The glyphs as 7 rows of 5 bits, the leftmost pixel the highest bit.
const GLYPH_W: u32 = 5;
const GLYPH_H: u32 = 7;
const DIGITS: [[u8; 7]; 10] = [
    [0b01110, 0b10001, 0b10011, 0b10101, 0b11001, 0b10001, 0b01110],
    [0b00100, 0b01100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110],
    [0b01110, 0b10001, 0b00001, 0b00010, 0b00100, 0b01000, 0b11111],
    [0b11111, 0b00010, 0b00100, 0b00010, 0b00001, 0b10001, 0b01110],
    [0b00010, 0b00110, 0b01010, 0b10010, 0b11111, 0b00010, 0b00010],
    [0b11111, 0b10000, 0b11110, 0b00001, 0b00001, 0b10001, 0b01110],
    [0b00110, 0b01000, 0b10000, 0b11110, 0b10001, 0b10001, 0b01110],
    [0b11111, 0b00001, 0b00010, 0b00100, 0b01000, 0b01000, 0b01000],
    [0b01110, 0b10001, 0b10001, 0b01110, 0b10001, 0b10001, 0b01110],
    [0b01110, 0b10001, 0b10001, 0b01111, 0b00001, 0b00010, 0b01100],
];
const PLUS: [u8; 7] = [0b00000, 0b00100, 0b00100, 0b11111, 0b00100, 0b00100, 0b00000];

const RED: [u8; 3] = [0xd9, 0x30, 0x25];
const WHITE: [u8; 3] = [0xff, 0xff, 0xff];

/// What the badge says: the count, or "99+" past two digits (a tray icon has room for three glyphs at most).
pub fn label(count: u32) -> String {
    if count > 99 {
        "99+".to_string()
    } else {
        count.to_string()
    }
}

fn glyph(c: char) -> Option<&'static [u8; 7]> {
    match c {
        '+' => Some(&PLUS),
        d => d.to_digit(10).and_then(|d| DIGITS.get(d as usize)),
    }
}

/// `base` with `count` drawn on it; none overdue leaves the icon as it is.
pub fn with_count(base: &Picture, count: u32) -> Picture {
    let mut out = base.clone();
    if count == 0 || base.width == 0 || base.height == 0 || base.rgba.len() != (base.width * base.height * 4) as usize {
        return out;
    }
    let text = label(count);
    let glyphs = text.chars().count() as u32;
    let size = base.width.min(base.height) as f32;
    // A badge two thirds of the icon tall: at a panel's 22 px the digit is still about 7 px high.
    let height = (size * 0.66).round();
    let radius = height / 2.0;
    // The text fills about two thirds of the badge's height, in whole pixels per grid cell.
    let text_w_cells = glyphs * GLYPH_W + (glyphs - 1);
    let mut scale = ((height * 0.6) / GLYPH_H as f32).floor().max(1.0) as u32;
    let max_text_w = size - radius * 0.6;
    while scale > 1 && (text_w_cells * scale) as f32 > max_text_w {
        scale -= 1;
    }
    let text_w = (text_w_cells * scale) as f32;
    let width = (text_w + radius * 0.9).max(height).min(size);
    // Anchored to the lower right corner: a pill (or a circle for one digit).
    let (right, bottom) = (base.width as f32, base.height as f32);
    let (left, top) = (right - width, bottom - height);
    let ring = (size / 40.0).max(1.0);
    fill_pill(&mut out, left, top, width, height, WHITE);
    fill_pill(&mut out, left + ring, top + ring, width - 2.0 * ring, height - 2.0 * ring, RED);

    let text_h = GLYPH_H * scale;
    let x0 = (left + (width - text_w) / 2.0).round().max(0.0) as u32;
    let y0 = (top + (height - text_h as f32) / 2.0).round().max(0.0) as u32;
    for (i, c) in text.chars().enumerate() {
        let Some(rows) = glyph(c) else { continue };
        let gx = x0 + i as u32 * (GLYPH_W + 1) * scale;
        for (row, bits) in rows.iter().enumerate() {
            for col in 0..GLYPH_W {
                if bits & (1 << (GLYPH_W - 1 - col)) != 0 {
                    fill_rect(&mut out, gx + col * scale, y0 + row as u32 * scale, scale, scale, WHITE);
                }
            }
        }
    }
    out
}

fn fill_rect(p: &mut Picture, x: u32, y: u32, w: u32, h: u32, rgb: [u8; 3]) {
    for py in y..(y + h).min(p.height) {
        for px in x..(x + w).min(p.width) {
            blend(p, px, py, rgb, 1.0);
        }
    }
}

/// A rounded rectangle whose ends are half circles, its edge smoothed by 4×4 samples per pixel.
fn fill_pill(p: &mut Picture, left: f32, top: f32, width: f32, height: f32, rgb: [u8; 3]) {
    if width <= 0.0 || height <= 0.0 {
        return;
    }
    let r = height / 2.0;
    let cy = top + r;
    let (cx_left, cx_right) = (left + r, left + width - r);
    let inside = |x: f32, y: f32| {
        let cx = x.clamp(cx_left, cx_right.max(cx_left));
        (x - cx).powi(2) + (y - cy).powi(2) <= r * r
    };
    let (x_from, x_to) = (left.floor().max(0.0) as u32, ((left + width).ceil() as u32).min(p.width));
    let (y_from, y_to) = (top.floor().max(0.0) as u32, ((top + height).ceil() as u32).min(p.height));
    for py in y_from..y_to {
        for px in x_from..x_to {
            let mut hits = 0;
            for sy in 0..4 {
                for sx in 0..4 {
                    if inside(px as f32 + (sx as f32 + 0.5) / 4.0, py as f32 + (sy as f32 + 0.5) / 4.0) {
                        hits += 1;
                    }
                }
            }
            if hits > 0 {
                blend(p, px, py, rgb, hits as f32 / 16.0);
            }
        }
    }
}

/// Paints `rgb` over the pixel with `coverage` (0..=1), keeping what shows through at the edge.
fn blend(p: &mut Picture, x: u32, y: u32, rgb: [u8; 3], coverage: f32) {
    let i = ((y * p.width + x) * 4) as usize;
    let Some(px) = p.rgba.get_mut(i..i + 4) else { return };
    let under_alpha = px[3] as f32 / 255.0;
    let alpha = coverage + under_alpha * (1.0 - coverage);
    if alpha <= 0.0 {
        return;
    }
    for (c, value) in px.iter_mut().take(3).zip(rgb) {
        let mixed = (value as f32 * coverage + *c as f32 * under_alpha * (1.0 - coverage)) / alpha;
        *c = mixed.round().clamp(0.0, 255.0) as u8;
    }
    px[3] = (alpha * 255.0).round() as u8;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A navy square, like the app icon's background.
    fn icon(size: u32) -> Picture {
        let rgba = (0..size * size).flat_map(|_| [0x1d, 0x1b, 0x4d, 0xff]).collect();
        Picture { rgba, width: size, height: size }
    }

    fn pixel(p: &Picture, x: u32, y: u32) -> [u8; 4] {
        let i = ((y * p.width + x) * 4) as usize;
        [p.rgba[i], p.rgba[i + 1], p.rgba[i + 2], p.rgba[i + 3]]
    }

    fn count_colour(p: &Picture, rgb: [u8; 3]) -> usize {
        p.rgba.chunks(4).filter(|px| px[..3] == rgb).count()
    }

    #[test]
    fn no_overdue_promise_leaves_the_icon_as_it_is() {
        assert_eq!(with_count(&icon(64), 0), icon(64));
    }

    #[test]
    fn one_overdue_promise_puts_a_red_badge_with_a_white_one_in_the_lower_right_corner() {
        let drawn = with_count(&icon(128), 1);
        assert_eq!(pixel(&drawn, 2, 2), [0x1d, 0x1b, 0x4d, 0xff], "the upper left corner keeps the icon");
        let red = count_colour(&drawn, RED);
        assert!(red > 1500, "a badge two thirds of the icon tall is mostly red: {red} red pixels");
        // The digit 1's stem runs down the middle of the badge: white there, red beside it.
        let (cx, cy) = (128 - 42, 128 - 42);
        assert_eq!(pixel(&drawn, cx, cy)[..3], WHITE, "the middle of the badge is the digit's stroke");
        assert_eq!(pixel(&drawn, cx - 20, cy)[..3], RED, "left of the digit is the badge's red");
    }

    #[test]
    fn more_digits_make_the_badge_wider_and_past_99_it_reads_99_plus() {
        let red_width = |n| {
            let drawn = with_count(&icon(128), n);
            let row = 128 - 42;
            (0..128).filter(|&x| pixel(&drawn, x, row)[..3] == RED || pixel(&drawn, x, row)[..3] == WHITE).count()
        };
        assert!(red_width(12) >= red_width(7), "two digits need at least the room of one");
        assert_eq!(label(7), "7");
        assert_eq!(label(99), "99");
        assert_eq!(label(100), "99+");
        assert_ne!(with_count(&icon(128), 250), icon(128));
    }

    #[test]
    fn a_transparent_corner_becomes_an_opaque_badge() {
        let clear = Picture { rgba: vec![0; 32 * 32 * 4], width: 32, height: 32 };
        let drawn = with_count(&clear, 3);
        assert_eq!(pixel(&drawn, 31 - 10, 31 - 2)[3], 0xff, "inside the badge is opaque");
        assert_eq!(pixel(&drawn, 1, 1), [0, 0, 0, 0], "outside it stays transparent");
    }

    #[test]
    fn a_picture_whose_size_does_not_match_its_pixels_is_left_alone() {
        let odd = Picture { rgba: vec![0; 10], width: 8, height: 8 };
        assert_eq!(with_count(&odd, 5), odd);
    }
}
