import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import * as fontkit from 'fontkit';
import { type Color, type PDFDocument, type PDFFont, type PDFImage, type PDFPage, rgb } from 'pdf-lib';

/** US Letter, in points. */
const PAGE = { width: 612, height: 792, margin: 56 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.margin + 12; // keeps body text clear of the footer
const INK = rgb(0.12, 0.14, 0.17);
export const MUTED = rgb(0.42, 0.45, 0.5);
const RULE = rgb(0.84, 0.86, 0.89);

// Noto Sans covers Latin, Greek and Cyrillic (the standard PDF fonts only cover Latin-1), and is
// embedded as a subset so a record carries only the glyphs it uses.
const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
};
let fontFiles: Promise<[Uint8Array, Uint8Array]> | undefined;

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/**
 * Upstream fontkit, not pdf-lib's stale @pdf-lib/fontkit fork, whose TrueType subsets lose glyphs
 * (foliojs/fontkit#191, fixed upstream in 1.8). pdf-lib reads a subset through the old
 * `encodeStream()`, which fontkit 2 replaced with `encode()`. A parsed font is kept for the next
 * document: its first layout (reading the shaping tables) costs a few hundred milliseconds.
 */
const parsed = new WeakMap<Uint8Array, fontkit.Font>();
const upstreamFontkit = {
  create(bytes: Uint8Array) {
    let font = parsed.get(bytes);
    if (!font) {
      const created = fontkit.create(Buffer.from(bytes)) as fontkit.Font;
      const createSubset = created.createSubset.bind(created);
      font = Object.assign(created, {
        createSubset: () => {
          const subset = createSubset();
          return Object.assign(subset, { encodeStream: () => Readable.from([subset.encode()]) });
        },
      });
      parsed.set(bytes, font);
    }
    return font;
  },
} as unknown as Parameters<PDFDocument['registerFontkit']>[0];

export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  fontFiles ??= Promise.all([readFile(require.resolve(FONT_FILES.regular)), readFile(require.resolve(FONT_FILES.bold))]);
  const [regular, bold] = await fontFiles;
  doc.registerFontkit(upstreamFontkit);
  return { regular: await doc.embedFont(regular, { subset: true }), bold: await doc.embedFont(bold, { subset: true }) };
}

const charsets = new WeakMap<PDFFont, Set<number>>();
/** The text with what the font has no glyph for (CJK in Noto Sans, say) shown as '?', rather than failing. */
function encodable(text: string, font: PDFFont): string {
  let charset = charsets.get(font);
  if (!charset) charsets.set(font, (charset = new Set(font.getCharacterSet())));
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (charset.has(char.codePointAt(0)!) || char === '\n' || char === '\r') out += char; // line breaks are wrap's to handle
    else out += /\s/.test(char) ? ' ' : '?';
  }
  return out;
}

const advances = new WeakMap<PDFFont, Map<string, number>>();
/** Width in points as the sum of each character's advance: shaping every word (pdf-lib's way) takes about a millisecond. */
function measurer(font: PDFFont, size: number) {
  let cache = advances.get(font);
  if (!cache) advances.set(font, (cache = new Map()));
  return (text: string) => {
    let width = 0;
    for (const char of text) {
      let advance = cache.get(char);
      if (advance === undefined) cache.set(char, (advance = font.widthOfTextAtSize(char, 1)));
      width += advance;
    }
    return width * size;
  };
}

/** Lines of at most `width` points: words kept whole where they fit, broken where a word alone is wider. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const measure = measurer(font, size);
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
    private readonly fonts: Fonts,
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
    const font = bold ? this.fonts.bold : this.fonts.regular;
    const lineHeight = size * 1.4;
    for (const line of wrap(encodable(value, font), font, size, CONTENT_WIDTH - indent)) {
      this.need(lineHeight);
      this.page.drawText(line, { x: PAGE.margin + indent, y: this.y - size, size, font, color });
      this.y -= lineHeight;
    }
  }

  /** A muted label in a left column with its value wrapped beside it. */
  pair(label: string, value: string, labelWidth = 96) {
    this.need(15);
    this.page.drawText(encodable(label, this.fonts.regular), { x: PAGE.margin, y: this.y - 10.5, size: 10.5, font: this.fonts.regular, color: MUTED });
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

/** The same footer on every page, the source document's pages included. */
export function stampFooters(doc: PDFDocument, font: PDFFont, footer: (page: number, pages: number) => string) {
  const pages = doc.getPages();
  pages.forEach((page, index) => {
    const box = page.getCropBox();
    page.drawText(encodable(footer(index + 1, pages.length), font), { x: box.x + PAGE.margin, y: box.y + 28, size: 8, font, color: MUTED });
  });
}
