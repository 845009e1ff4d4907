//! Laying printed matter out on pages without a browser: lines wrapped to a
//! width, blocks that are never split, and pages filled block by block. A
//! heading is kept with the block after it, so no page ends with one.

use super::face::Weight;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// Something to draw, placed relative to the top left of its block (in points,
/// y downwards); text at its baseline.
#[derive(Clone, Debug)]
pub enum Op {
    Text { x: f32, y: f32, size: f32, bold: bool, color: Rgb, text: String },
    Line { x1: f32, y1: f32, x2: f32, y2: f32, width: f32, color: Rgb },
    Frame { x: f32, y: f32, w: f32, h: f32, width: f32, color: Rgb },
    Polyline { points: Vec<(f32, f32)>, width: f32, color: Rgb },
    Dot { x: f32, y: f32, r: f32, color: Rgb },
}

impl Op {
    fn moved(self, dx: f32, dy: f32) -> Op {
        match self {
            Op::Text { x, y, size, bold, color, text } => Op::Text { x: x + dx, y: y + dy, size, bold, color, text },
            Op::Line { x1, y1, x2, y2, width, color } => Op::Line { x1: x1 + dx, y1: y1 + dy, x2: x2 + dx, y2: y2 + dy, width, color },
            Op::Frame { x, y, w, h, width, color } => Op::Frame { x: x + dx, y: y + dy, w, h, width, color },
            Op::Polyline { points, width, color } => {
                Op::Polyline { points: points.into_iter().map(|(x, y)| (x + dx, y + dy)).collect(), width, color }
            }
            Op::Dot { x, y, r, color } => Op::Dot { x: x + dx, y: y + dy, r, color },
        }
    }
}

/// A piece of the page that is never split: one entry, a heading, a table.
#[derive(Clone, Debug, Default)]
pub struct Block {
    /// Space above it, dropped at the top of a page.
    pub space_before: f32,
    pub height: f32,
    pub ops: Vec<Op>,
    /// A heading: it goes on the page of the block after it.
    pub keep_with_next: bool,
}

impl Block {
    /// Another block's drawing, `dy` points down and `dx` across, within this one.
    pub fn put(&mut self, other: Block, dx: f32, dy: f32) {
        self.ops.extend(other.ops.into_iter().map(|op| op.moved(dx, dy)));
        self.height = self.height.max(dy + other.height);
    }
}

/// A block on a page, `y` points below the top of the page's text area.
pub struct Placed {
    pub y: f32,
    pub block: Block,
}

/// The blocks, in order, on as many pages of `height` points as they need. A
/// block taller than a page gets a page of its own (and runs off it).
pub fn paginate(blocks: Vec<Block>, height: f32) -> Vec<Vec<Placed>> {
    // What must fit together from each block on: itself and the blocks it keeps with.
    let mut chain = vec![0.0_f32; blocks.len()];
    for i in (0..blocks.len()).rev() {
        let next = if blocks[i].keep_with_next { chain.get(i + 1).copied().unwrap_or(0.0) } else { 0.0 };
        let next_space = if blocks[i].keep_with_next { blocks.get(i + 1).map_or(0.0, |b| b.space_before) } else { 0.0 };
        chain[i] = blocks[i].height + next_space + next;
    }
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut y = 0.0;
    for (i, block) in blocks.into_iter().enumerate() {
        let empty = pages.last().is_none_or(|p| p.is_empty());
        let space = if empty { 0.0 } else { block.space_before };
        if !empty && y + space + chain[i] > height {
            pages.push(Vec::new());
            y = 0.0;
        } else {
            y += space;
        }
        let h = block.height;
        if let Some(page) = pages.last_mut() {
            page.push(Placed { y, block });
        }
        y += h;
    }
    pages
}

/// `text` in lines no wider than `width` at `size`: broken at spaces, and
/// within a word only when the word alone is wider than the line.
pub fn wrap(weight: &Weight, text: &str, size: f32, width: f32) -> Vec<String> {
    let space = weight.width(" ", size);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = weight.width(word, size);
        let gap = if line.is_empty() { 0.0 } else { space };
        if line_width + gap + w <= width {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            line_width += gap + w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line_width = 0.0;
        }
        if w <= width {
            line.push_str(word);
            line_width = w;
            continue;
        }
        for c in word.chars() {
            let cw = weight.width(c.encode_utf8(&mut [0; 4]), size);
            if line_width + cw > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_width = 0.0;
            }
            line.push(c);
            line_width += cw;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` cut to fit `width` on one line, ending with "…" when it had to be.
pub fn fit(weight: &Weight, text: &str, size: f32, width: f32) -> String {
    if weight.width(text, size) <= width {
        return text.to_string();
    }
    let room = width - weight.width("…", size);
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let cw = weight.width(c.encode_utf8(&mut [0; 4]), size);
        if used + cw > room {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.truncate(out.trim_end().len());
    out + "…"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(h: f32, keep: bool) -> Block {
        Block { space_before: 4.0, height: h, ops: vec![], keep_with_next: keep }
    }

    #[test]
    fn a_block_that_does_not_fit_starts_the_next_page_whole() {
        let pages = paginate(vec![block(60.0, false), block(30.0, false), block(30.0, false)], 100.0);
        let heights: Vec<Vec<f32>> = pages.iter().map(|p| p.iter().map(|b| b.block.height).collect()).collect();
        assert_eq!(heights, vec![vec![60.0, 30.0], vec![30.0]]);
        assert_eq!(pages[1][0].y, 0.0, "the space above a block is dropped at the top of a page");
    }

    #[test]
    fn a_heading_never_ends_a_page() {
        let pages = paginate(vec![block(70.0, false), block(10.0, true), block(30.0, false)], 100.0);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[1].len(), 2, "the heading moved to the page of the entry it heads");
    }

    #[test]
    fn words_wrap_at_spaces_and_a_word_wider_than_the_line_is_broken() {
        let face = crate::system::typeface().unwrap();
        let lines = wrap(&face.regular, "Panadería Sol asked again about the menu", 10.0, 80.0);
        assert!(lines.len() > 1 && lines.iter().all(|l| face.regular.width(l, 10.0) <= 80.0), "{lines:?}");
        assert_eq!(lines.join(" "), "Panadería Sol asked again about the menu");
        let long = wrap(&face.regular, &"ñ".repeat(200), 10.0, 80.0);
        assert!(long.len() > 5 && long.iter().all(|l| face.regular.width(l, 10.0) <= 80.0));
    }
}
