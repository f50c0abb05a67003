import { type Color, type PDFDocument, type PDFFont, type PDFImage, type PDFPage, rgb } from 'pdf-lib';
import type { Typeface } from './pdf-fonts';

/** US Letter, in points. */
const PAGE = { width: 612, height: 792, margin: 56 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.margin + 12; // keeps body text clear of the footer
const INK = rgb(0.12, 0.14, 0.17);
export const MUTED = rgb(0.42, 0.45, 0.5);
const RULE = rgb(0.84, 0.86, 0.89);

const advances = new WeakMap<PDFFont, Map<string, number>>();
/**
 * Width in points at size 1. Runs in the primary font are summed character by character
 * (shaping every word, pdf-lib's way, takes about a millisecond); fallback runs are shaped, as
 * their letters change form with their neighbours.
 */
function measurer(typeface: Typeface, bold: boolean) {
  const primary = typeface.primary(bold);
  let cache = advances.get(primary);
  if (!cache) advances.set(primary, (cache = new Map()));
  return (text: string) => {
    let width = 0;
    for (const run of typeface.runs(text, bold)) {
      if (run.font !== primary) {
        width += run.font.widthOfTextAtSize(run.text, 1);
        continue;
      }
      for (const char of run.text) {
        let advance = cache.get(char);
        if (advance === undefined) cache.set(char, (advance = primary.widthOfTextAtSize(char, 1)));
        width += advance;
      }
    }
    return width;
  };
}

/** Lines of at most `width` points: words kept whole where they fit, broken where a word alone is wider. */
function wrap(text: string, measureAt1: (text: string) => number, size: number, width: number): string[] {
  const measure = (t: string) => measureAt1(t) * size;
  const space = measure(' ');
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = '';
    let lineWidth = 0;
    for (let word of paragraph.split(' ')) {
      let wordWidth = measure(word);
      if (line && lineWidth + space + wordWidth <= width) {
        line += ` ${word}`;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line) lines.push(line);
      while (wordWidth > width) {
        let cut = 1;
        const chars = [...word];
        while (cut < chars.length && measure(chars.slice(0, cut + 1).join('')) <= width) cut++;
        lines.push(chars.slice(0, cut).join(''));
        word = chars.slice(cut).join('');
        wordWidth = measure(word);
      }
      line = word;
      lineWidth = wordWidth;
    }
    lines.push(line);
  }
  return lines;
}

export interface TextStyle {
  bold?: boolean;
  size?: number;
  color?: Color;
  /** Points from the left margin. */
  indent?: number;
}

/** Writes top to bottom, starting a new page whenever the next line would not fit. */
export class Writer {
  private page!: PDFPage;
  private y = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly typeface: Typeface,
  ) {
    this.newPage();
  }

  private newPage() {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
  }

  /** Starts a new page unless `height` points still fit on this one (keeps a label with its answer). */
  need(height: number) {
    if (this.y - height < BOTTOM) this.newPage();
  }

  space(points: number) {
    this.y -= points;
  }

  text(value: string, { bold = false, size = 10.5, color = INK, indent = 0 }: TextStyle = {}) {
    const lineHeight = size * 1.4;
    const printable = this.typeface.printable(value, bold);
    for (const line of wrap(printable, measurer(this.typeface, bold), size, CONTENT_WIDTH - indent)) {
      this.need(lineHeight);
      drawLine(this.page, this.typeface, line, { x: PAGE.margin + indent, y: this.y - size, size, color, bold });
      this.y -= lineHeight;
    }
  }

  /** A muted label in a left column with its value wrapped beside it. */
  pair(label: string, value: string, labelWidth = 96) {
    this.need(15);
    drawLine(this.page, this.typeface, label, { x: PAGE.margin, y: this.y - 10.5, size: 10.5, color: MUTED });
    this.text(value, { indent: labelWidth });
  }

  /** The image scaled (up or down) to fit the box, aspect kept. */
  image(image: PDFImage, box: { width: number; height: number }) {
    const scale = Math.min(box.width / image.width, box.height / image.height);
    const width = image.width * scale;
    const height = image.height * scale;
    this.need(height + 4);
    this.page.drawImage(image, { x: PAGE.margin, y: this.y - height, width, height });
    this.y -= height + 4;
  }

  rule() {
    this.need(12);
    this.y -= 6;
    this.page.drawLine({ start: { x: PAGE.margin, y: this.y }, end: { x: PAGE.width - PAGE.margin, y: this.y }, thickness: 0.75, color: RULE });
    this.y -= 6;
  }
}

/** One line, run by run, each in the font that has its glyphs. */
function drawLine(page: PDFPage, typeface: Typeface, line: string, { x, y, size, color, bold = false }: { x: number; y: number; size: number; color: Color; bold?: boolean }) {
  const runs = typeface.runs(line, bold);
  runs.forEach((run, index) => {
    page.drawText(run.text, { x, y, size, font: run.font, color });
    if (index < runs.length - 1) x += run.font.widthOfTextAtSize(run.text, size);
  });
}

/** The same footer on every page, the source document's pages included. */
export function stampFooters(doc: PDFDocument, typeface: Typeface, footer: (page: number, pages: number) => string) {
  const pages = doc.getPages();
  pages.forEach((page, index) => {
    const box = page.getCropBox();
    drawLine(page, typeface, footer(index + 1, pages.length), { x: box.x + PAGE.margin, y: box.y + 28, size: 8, color: MUTED });
  });
}
