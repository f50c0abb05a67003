import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import * as fontkit from 'fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/**
 * The fonts of a signed record. Noto Sans (Latin, Greek, Cyrillic and, since Noto Sans 2, all of
 * Devanagari with its shaping) in two weights always; for any
 * other script a Noto fallback in one weight, read from its npm package and embedded (as a subset)
 * only when a document has text it alone can show. What no font has prints visibly replaced:
 * emoji as "[emoji]", anything else as U+FFFD, never as "?".
 */

const require = createRequire(import.meta.url);
const expoFont = (pkg: string, family: string, weight = '400Regular') => `@expo-google-fonts/${pkg}/${weight}/${family}_${weight}.ttf`;

const PRIMARY = { regular: expoFont('noto-sans', 'NotoSans'), bold: expoFont('noto-sans', 'NotoSans', '700Bold') };
const FALLBACKS = {
  arabic: expoFont('noto-sans-arabic', 'NotoSansArabic'),
  hebrew: expoFont('noto-sans-hebrew', 'NotoSansHebrew'),
  japanese: expoFont('noto-sans-jp', 'NotoSansJP'),
  korean: expoFont('noto-sans-kr', 'NotoSansKR'),
  chinese: expoFont('noto-sans-sc', 'NotoSansSC'),
} as const;
type Fallback = keyof typeof FALLBACKS;

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;

/**
 * Which fallbacks may show a character, best first. Han is shared by the three CJK fonts: a
 * document with kana gets Japanese glyph shapes, one with Hangul Korean, any other Chinese.
 */
function candidates(char: string, hanOrder: readonly Fallback[]): readonly Fallback[] {
  if (/\p{Script=Arabic}/u.test(char)) return ['arabic'];
  if (/\p{Script=Hebrew}/u.test(char)) return ['hebrew'];
  if (KANA.test(char)) return ['japanese'];
  if (HANGUL.test(char)) return ['korean'];
  // Han, and shared marks such as CJK punctuation and full-width forms.
  return hanOrder;
}

const hanOrderOf = (texts: readonly string[]): readonly Fallback[] =>
  texts.some((t) => KANA.test(t))
    ? ['japanese', 'chinese', 'korean']
    : texts.some((t) => HANGUL.test(t))
      ? ['korean', 'chinese', 'japanese']
      : ['chinese', 'japanese', 'korean'];

/** Characters that shaping consumes (joiners, variation selectors): no font needs a glyph for them. */
const invisible = (cp: number) => cp === 0x200c || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f);
const EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}]/u;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** A loaded font file with the code points it covers; kept for the next document. */
interface FontFile {
  bytes: Uint8Array;
  covers: ReadonlySet<number>;
}
const files = new Map<string, Promise<FontFile>>();
function fontFile(path: string): Promise<FontFile> {
  let file = files.get(path);
  if (!file) {
    file = readFile(require.resolve(path)).then((bytes) => ({ bytes, covers: new Set(parse(bytes).characterSet) }));
    files.set(path, file);
    file.catch(() => files.delete(path)); // a failed read is tried again next time
  }
  return file;
}

const coversAll = (covers: ReadonlySet<number>, grapheme: string) =>
  [...grapheme].every((c) => {
    const cp = c.codePointAt(0)!;
    return invisible(cp) || covers.has(cp);
  });

/**
 * Upstream fontkit, not pdf-lib's stale @pdf-lib/fontkit fork, whose TrueType subsets lose glyphs
 * (foliojs/fontkit#191, fixed upstream in 1.8). pdf-lib reads a subset through the old
 * `encodeStream()`, which fontkit 2 replaced with `encode()`. Each document parses its fonts anew:
 * a parsed font kept for the next document (to save its first layout) made a later document lose
 * glyphs ("Dr. na Ortiz" after the EHR tests had rendered theirs in the same process).
 */
function parse(bytes: Uint8Array): fontkit.Font {
  const font = fontkit.create(Buffer.from(bytes)) as fontkit.Font;
  const createSubset = font.createSubset.bind(font);
  return Object.assign(font, {
    createSubset: () => {
      const subset = createSubset();
      return Object.assign(subset, { encodeStream: () => Readable.from([subset.encode()]) });
    },
  });
}
const upstreamFontkit = { create: parse } as unknown as Parameters<PDFDocument['registerFontkit']>[0];

/** A stretch of text in one font. */
export interface Run {
  font: PDFFont;
  text: string;
}

interface Face {
  font: PDFFont;
  covers: ReadonlySet<number>;
}

/** The document's fonts, and how any text splits into runs they can show. */
export class Typeface {
  constructor(
    private readonly regular: Face,
    private readonly bold: Face,
    private readonly fallbacks: ReadonlyMap<Fallback, Face>,
    private readonly hanOrder: readonly Fallback[],
  ) {}

  /** The primary font of a weight: for footers and labels we write ourselves. */
  primary(bold = false): PDFFont {
    return (bold ? this.bold : this.regular).font;
  }

  private faceFor(grapheme: string, primary: Face): Face | undefined {
    if (coversAll(primary.covers, grapheme)) return primary;
    for (const name of candidates(grapheme, this.hanOrder)) {
      const face = this.fallbacks.get(name);
      if (face && coversAll(face.covers, grapheme)) return face;
    }
    return undefined;
  }

  /**
   * The text split into runs of one font each. Spaces between two graphemes of the same
   * fallback stay in its run, so an Arabic or Hebrew name of several words is laid out (and
   * reversed for right-to-left) as one piece.
   */
  runs(text: string, bold = false): Run[] {
    const primary = bold ? this.bold : this.regular;
    const pieces: { face: Face; text: string; space: boolean }[] = [];
    for (const { segment } of graphemes.segment(text.normalize('NFC'))) {
      if (segment === '\n' || segment === '\r') continue; // line breaks are wrap's to handle
      const face = this.faceFor(segment, primary);
      if (face) pieces.push({ face, text: segment, space: /^\s+$/u.test(segment) });
      else pieces.push({ face: primary, text: EMOJI.test(segment) ? '[emoji]' : primary.covers.has(0xfffd) ? '\ufffd' : '[?]', space: false });
    }
    const groups: { face: Face; text: string }[] = [];
    pieces.forEach((piece, index) => {
      const last = groups.at(-1);
      let face = piece.face;
      if (piece.space && last && last.face !== primary && coversAll(last.face.covers, piece.text)) {
        const next = pieces.slice(index + 1).find((p) => !p.space);
        if (next?.face === last.face) face = last.face;
      }
      if (last?.face === face) last.text += piece.text;
      else groups.push({ face, text: piece.text });
    });
    return groups.map(({ face, text }) => ({ font: face.font, text }));
  }

  /** The text as it prints (replacements made), for measuring and wrapping. */
  printable(text: string, bold = false): string {
    return text
      .split(/(\r\n|\r|\n)/)
      .map((part) => (/^[\r\n]+$/.test(part) ? part : this.runs(part, bold).map((r) => r.text).join('')))
      .join('');
  }
}

/**
 * Embeds the fonts `texts` need: Noto Sans always, each fallback only if some character of
 * theirs is in no font before it. `texts` must hold every string the document will print.
 */
export async function embedTypeface(doc: PDFDocument, texts: readonly string[]): Promise<Typeface> {
  doc.registerFontkit(upstreamFontkit);
  const [regularFile, boldFile] = await Promise.all([fontFile(PRIMARY.regular), fontFile(PRIMARY.bold)]);
  const hanOrder = hanOrderOf(texts);
  const needed = new Set<Fallback>();
  for (const text of texts)
    for (const { segment } of graphemes.segment(text.normalize('NFC'))) {
      if (coversAll(regularFile.covers, segment) && coversAll(boldFile.covers, segment)) continue;
      for (const name of candidates(segment, hanOrder)) {
        if (!coversAll((await fontFile(FALLBACKS[name])).covers, segment)) continue;
        needed.add(name);
        break;
      }
    }
  const embed = async (file: FontFile): Promise<Face> => ({ font: await doc.embedFont(file.bytes, { subset: true }), covers: file.covers });
  const fallbacks = new Map<Fallback, Face>();
  for (const name of needed) fallbacks.set(name, await embed(await fontFile(FALLBACKS[name])));
  return new Typeface(await embed(regularFile), await embed(boldFile), fallbacks, hanOrder);
}
