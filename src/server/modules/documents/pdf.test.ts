import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { ACKNOWLEDGEMENT_FIELD, type DocumentField, MAX_PDF_BYTES } from '../../../shared/documents';
import { pdfPageCount, pdfText } from '../../testing/pdf-text';
import { checkPdfUpload, type CompletedDocumentPdf, PdfRejected, renderCompletedDocument } from './pdf';

const STORY_START = 'It started in the winter after a long walk in the cold.';
const STORY_END = 'That is all I can remember for now.';
const STORY = [STORY_START, ...Array.from({ length: 90 }, (_, i) => `Sentence ${i + 1} adds a little more detail about how things went that week.`), STORY_END].join(' ');

const FIELDS: DocumentField[] = [
  { id: 'name', label: 'Full name', type: 'short_text', required: true },
  { id: 'middle', label: 'Middle name', type: 'short_text', required: false },
  { id: 'story', label: 'What brings you in today?', type: 'long_text', required: true },
  { id: 'smoker', label: 'Do you smoke?', type: 'yes_no', required: true },
  { id: 'allergies', label: 'Do you have allergies?', type: 'yes_no', required: true },
  {
    id: 'contact',
    label: 'How should we reach you?',
    type: 'single_choice',
    required: true,
    options: [
      { value: 'opt_email', label: 'By email' },
      { value: 'opt_sms', label: 'By text message' },
    ],
  },
  {
    id: 'symptoms',
    label: 'Which symptoms do you have?',
    type: 'multiple_choice',
    required: false,
    options: [
      { value: 'sym_head', label: 'Headache' },
      { value: 'sym_fever', label: 'Fever' },
      { value: 'sym_cough', label: 'Cough' },
    ],
  },
  { id: 'dob', label: 'Date of birth', type: 'date', required: true },
  { id: 'weight', label: 'Weight in kg', type: 'number', required: true },
  { id: 'sign', label: 'Your signature', type: 'signature', required: true },
];

const input = (overrides: Partial<CompletedDocumentPdf> = {}): CompletedDocumentPdf => ({
  organizationName: 'Harbor Family Clinic',
  session: { serviceName: 'Physiotherapy', sessionTypeName: 'First visit', hostName: 'Dr. Ana Ortiz', start: '2026-03-03T15:00:00Z', end: '2026-03-03T15:30:00Z' },
  document: {
    id: 'doc_123',
    name: 'Intake questionnaire',
    version: 3,
    kind: 'form',
    fields: FIELDS,
    answers: {
      name: 'José Müller',
      middle: '',
      story: STORY,
      smoker: true,
      allergies: false,
      contact: 'opt_sms',
      symptoms: ['sym_head', 'sym_cough'],
      dob: '1984-07-09',
      weight: 72.5,
      sign: 'José Müller',
    },
  },
  signer: { name: 'José Müller', role: 'participant' },
  completedAt: '2026-03-03T15:05:00Z',
  timeZone: 'America/New_York',
  ...overrides,
});

/** Names in the scripts a clinic meets: Latin with accents, Cyrillic, Japanese, Chinese, Korean, Arabic, Hebrew, Devanagari. */
const NAMES = ['Zoë Ørsted-Ñúñez', 'Иван Петров', '山田 さくら', '王小明', '김민준', 'محمد علي', 'דוד כהן', 'सुनील कुमार'];

/** The font files embedded in a PDF, parsed back, with their names (`NotoSansArabic-Regular`, pdf-lib's suffix taken off). */
function embeddedFonts(doc: PDFDocument): (fontkit.Font & { fontName: string })[] {
  return doc.context.enumerateIndirectObjects().flatMap(([, object]) => {
    const file = object instanceof PDFDict ? object.lookup(PDFName.of('FontFile2')) : undefined;
    if (!(file instanceof PDFRawStream)) return [];
    const fontName = String((object as PDFDict).get(PDFName.of('FontName'))).replace(/^\/|-\d+$/g, '');
    return [Object.assign(fontkit.create(inflateSync(file.contents)) as fontkit.Font, { fontName })];
  });
}

/** Text with every run of whitespace made one space, so wrapped lines read as they were written. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

// A 1×1 PNG.
const PNG_DATA_URL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

async function makePdf(pages: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of pages) doc.addPage([400, 400]).drawText(text, { x: 40, y: 300, size: 14, font });
  return doc.save();
}

// Made once with `qpdf --encrypt secret o 256` from a one-page PDF: pdf-lib cannot encrypt.
const ENCRYPTED_PDF = Buffer.from(
  `JVBERi0xLjcKJb/3ov4KMSAwIG9iago8PCAvRXh0ZW5zaW9ucyA8PCAvQURCRSA8PCAvQmFzZVZl
cnNpb24gLzEuNyAvRXh0ZW5zaW9uTGV2ZWwgOCA+PiA+PiAvUGFnZXMgMiAwIFIgL1R5cGUgL0Nh
dGFsb2cgPj4KZW5kb2JqCjIgMCBvYmoKPDwgL0NvdW50IDEgL0tpZHMgWyAzIDAgUiBdIC9UeXBl
IC9QYWdlcyA+PgplbmRvYmoKMyAwIG9iago8PCAvTWVkaWFCb3ggWyAwIDAgMjAwIDIwMCBdIC9Q
YXJlbnQgMiAwIFIgL1Jlc291cmNlcyA8PCA+PiAvVHlwZSAvUGFnZSA+PgplbmRvYmoKNCAwIG9i
ago8PCAvQ0YgPDwgL1N0ZENGIDw8IC9BdXRoRXZlbnQgL0RvY09wZW4gL0NGTSAvQUVTVjMgL0xl
bmd0aCAzMiA+PiA+PiAvRmlsdGVyIC9TdGFuZGFyZCAvTGVuZ3RoIDI1NiAvTyA8MzQ4MjQ1YzNh
NDNmYzJjODE0NjM2NWM1YTU3ZGUyNWE4MzMzZTRlMzNjODEzZWVkZjExNzIyMTdhYjRjODliOGZh
OGY1NDhhMzk3MGNkNTcwYjI0MjY3ZTE3Y2JkZmUyPiAvT0UgPGJjYWM3MzE0MjY3ODExMTRlZGZh
MWFhY2M1OWUyYjkxNDk1NzUxZDFmZDhkNWMzNzBiYTBiOTFhMjUyYzE0NTE+IC9QIC00IC9QZXJt
cyA8M2Y1ZDA5YmQwN2EzZTMyNjIyOTZlODVmMDFjNzJkMmE+IC9SIDYgL1N0bUYgL1N0ZENGIC9T
dHJGIC9TdGRDRiAvVSA8MjU0NzhlODBkNzYzZDA0ODM4MDY3MmEwZmE2YzE4NzUyOGU3NTcwNzI0
NTIwZmE2ZjllMzE1ZGU2MGE1ZjBkOWE5MDUwN2YyZGMxMGIwMGFjZjFjMzk5MTVlYzIxNjU2PiAv
VUUgPGEwZTZmNDI0ZjRlYTViZmQ3MmIyM2FiMTdjYWRmMDZmNjdlODhjMmY0MjVmODY3OGQ3ZjA2
NGMyMmQ2YWM1ZDg+IC9WIDUgPj4KZW5kb2JqCnhyZWYKMCA1CjAwMDAwMDAwMDAgNjU1MzUgZiAK
MDAwMDAwMDAxNSAwMDAwMCBuIAowMDAwMDAwMTMwIDAwMDAwIG4gCjAwMDAwMDAxODkgMDAwMDAg
biAKMDAwMDAwMDI3OSAwMDAwMCBuIAp0cmFpbGVyIDw8IC9Sb290IDEgMCBSIC9TaXplIDUgL0lE
IFs8MmU2MDU4MjQ4NWNlMmZjMmExMDVlMTIyYTlhMzFhNDg+PDJlNjA1ODI0ODVjZTJmYzJhMTA1
ZTEyMmE5YTMxYTQ4Pl0gL0VuY3J5cHQgNCAwIFIgPj4Kc3RhcnR4cmVmCjgyNgolJUVPRgo=`,
  'base64',
);

describe('renderCompletedDocument', () => {
  it('writes the clinic, the document, the session, every question with its answer, and who signed when', async () => {
    const bytes = await renderCompletedDocument(input());
    const text = flat(await pdfText(bytes));

    for (const expected of [
      'Harbor Family Clinic',
      'Signed document',
      'Intake questionnaire',
      'Version 3',
      'Physiotherapy',
      'First visit',
      'Dr. Ana Ortiz',
      'Tue, Mar 3, 2026 · 10:00 AM – 10:30 AM EST',
      ...FIELDS.map((f) => f.label),
      'Full name José Müller',
      'Middle name —',
      STORY_START,
      STORY_END,
      'Do you smoke? Yes',
      'Do you have allergies? No',
      'How should we reach you? By text message',
      'Which symptoms do you have? Headache, Cough',
      'Date of birth July 9, 1984 (1984-07-09)',
      'Weight in kg 72.5',
      'Signed: José Müller (typed)',
      'Signed by José Müller (participant) on Tuesday, March 3, 2026 at 10:05 AM EST',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('opt_sms');
    expect(text).not.toContain('sym_head');
    // The long answer runs on past the first page (whose footer is drawn last on it).
    const pages = await pdfPageCount(bytes);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let page = 1; page <= pages; page++) expect(text).toContain(`Carebeam · document doc_123 · page ${page} of ${pages}`);
    expect(text.indexOf(STORY_START)).toBeLessThan(text.indexOf('page 1 of'));
    expect(text.indexOf('page 1 of')).toBeLessThan(text.indexOf(STORY_END));
  });

  it('embeds its fonts as small subsets whose glyphs are intact', async () => {
    const bytes = await renderCompletedDocument(input());
    expect(bytes.length).toBeLessThan(100_000); // each full font is over 600 KB
    const fonts = embeddedFonts(await PDFDocument.load(bytes));
    expect(fonts).toHaveLength(2);
    // pdf-lib's own fontkit fork shifts glyph offsets in TrueType subsets: outlines turn to garbage, text to blanks.
    for (const font of fonts)
      for (let id = 0; id < font.numGlyphs; id++) {
        const box = font.getGlyph(id).path.bbox;
        expect(box.minX >= font.bbox.minX && box.maxX <= font.bbox.maxX && box.minY >= font.bbox.minY && box.maxY <= font.bbox.maxY).toBe(true);
      }
  });

  it('embeds a drawn signature and says it was drawn', async () => {
    const base = input();
    const bytes = await renderCompletedDocument({ ...base, document: { ...base.document, answers: { ...base.document.answers, sign: PNG_DATA_URL } } });
    const pages = (await PDFDocument.load(bytes)).getPages();
    const images = pages.flatMap((page) => page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict)?.keys() ?? []);
    expect(images).toHaveLength(1);
    const text = flat(await pdfText(bytes));
    expect(text).toContain('Your signature Signature drawn on screen');
    expect(text).not.toContain('(typed)');

    // Answers are checked for the data URL's shape only: a broken image still yields a record.
    const broken = await renderCompletedDocument({ ...base, document: { ...base.document, answers: { ...base.document.answers, sign: 'data:image/png;base64,AAAA' } } });
    expect(flat(await pdfText(broken))).toContain('Your signature Signature drawn on screen (the image could not be read)');
  });

  it('puts the pages of a PDF document before the record of its acknowledgement', async () => {
    const base = input();
    const bytes = await renderCompletedDocument({
      ...base,
      document: { id: 'doc_pdf', name: 'Privacy policy', version: 1, kind: 'pdf', fields: [ACKNOWLEDGEMENT_FIELD], answers: { acknowledgement: 'José Müller' } },
      sourcePdf: await makePdf(['Page one of the policy', 'Page two of the policy']),
    });
    expect(await pdfPageCount(bytes)).toBe(3);
    const text = flat(await pdfText(bytes));
    expect(text.indexOf('Page one of the policy')).toBeLessThan(text.indexOf('Page two of the policy'));
    expect(text.indexOf('Page two of the policy')).toBeLessThan(text.indexOf('Privacy policy'));
    expect(text).toContain('I have read this document and I agree to it Signed: José Müller (typed)');
    expect(text).toContain('Carebeam · document doc_pdf · page 1 of 3');
    expect(text).toContain('Carebeam · document doc_pdf · page 3 of 3');
  });

  it('prints names and answers in every script as typed, extractable as text', async () => {
    const base = input();
    const bytes = await renderCompletedDocument({
      ...base,
      organizationName: 'Clínica São João',
      signer: { name: 'Sakura 山田', role: 'participant' },
      document: { ...base.document, answers: { ...base.document.answers, name: NAMES.join(' / '), story: 'Ελένη Παππά — 김민준', sign: 'Sakura 山田' } },
    });
    const text = flat(await pdfText(bytes));
    expect(text).toContain('Clínica São João');
    for (const name of [...NAMES, 'Ελένη Παππά', '김민준']) expect(text).toContain(name);
    expect(text).toContain('Signed by Sakura 山田 (participant)');
    expect(text).not.toMatch(/\?\?|\? \?/); // what the old renderer printed for each missing glyph
    // Noto Sans (which has Devanagari) in two weights, and only the fallbacks these names need:
    // Japanese (kana present, so Han in Japanese shapes; Hangul goes to Korean), Arabic, Hebrew.
    expect(embeddedFonts(await PDFDocument.load(bytes)).map((f) => f.fontName).sort()).toEqual(
      ['NotoSans-Bold', 'NotoSans-Regular', 'NotoSansArabic-Regular', 'NotoSansHebrew-Regular', 'NotoSansJP-Regular', 'NotoSansKR-Regular'].sort(),
    );
  });

  it('writes right-to-left names in visual order, Arabic letters joined, so readers and extraction get them back', async () => {
    const base = input();
    const bytes = await renderCompletedDocument({ ...base, signer: { name: 'محمد علي', role: 'participant' }, document: { ...base.document, answers: { ...base.document.answers, sign: 'דוד כהן' } } });
    const text = flat(await pdfText(bytes));
    expect(text).toContain('Signed: דוד כהן (typed)');
    expect(text).toContain('محمد علي');
    // The joined forms of meem (initial, medial) are in the subset, its isolated form is not: the shaping ran.
    const subset = embeddedFonts(await PDFDocument.load(bytes)).find((f) => f.fontName === 'NotoSansArabic-Regular')!;
    const outlines = new Set(Array.from({ length: subset.numGlyphs }, (_, id) => subset.getGlyph(id).path.toSVG()));
    const full = fontkit.openSync(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf')) as fontkit.Font;
    const outline = (name: string) => full.getGlyph(Array.from({ length: full.numGlyphs }, (_, id) => id).find((id) => full.getGlyph(id).name === name)!).path.toSVG();
    expect(outlines.has(outline('uni0645.init'))).toBe(true);
    expect(outlines.has(outline('uni0645.medi'))).toBe(true);
    expect(outlines.has(outline('uni0645'))).toBe(false);
  });

  it('embeds no fallback font for a Latin document, and uses Chinese shapes for Han without kana', async () => {
    const latin = await renderCompletedDocument(input());
    expect(embeddedFonts(await PDFDocument.load(latin))).toHaveLength(2);
    const base = input();
    const chinese = await renderCompletedDocument({ ...base, signer: { name: '张伟', role: 'participant' } });
    expect(embeddedFonts(await PDFDocument.load(chinese)).map((f) => f.fontName)).toContain('NotoSansSC-Regular');
    expect(flat(await pdfText(chinese))).toContain('Signed by 张伟 (participant)');
  });

  it('shows emoji and characters no font has as visibly replaced, never as "?"', async () => {
    const base = input();
    const bytes = await renderCompletedDocument({ ...base, signer: { name: 'Ana 😀 👨‍👩‍👧 🇯🇵 \u{10FFFD}', role: 'participant' } });
    expect(flat(await pdfText(bytes))).toContain('Signed by Ana [emoji] [emoji] [emoji] \ufffd (participant)');
  });
});

describe('checkPdfUpload', () => {
  const rejects = (bytes: Uint8Array, message: string) =>
    expect(checkPdfUpload(bytes)).rejects.toSatisfy((e) => e instanceof PdfRejected && e.message === message);

  it('accepts a PDF and counts its pages', async () => {
    expect(await checkPdfUpload(await makePdf(['one', 'two', 'three']))).toEqual({ pages: 3 });
  });

  it('refuses what is not a readable, open PDF within the limit', async () => {
    const png = Buffer.from(PNG_DATA_URL.split(',')[1]!, 'base64');
    await rejects(png, 'This file is not a PDF');
    await rejects(Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919) % 251), 'This file is not a PDF');
    await rejects(new Uint8Array(0), 'This file is empty');
    await rejects(await (await PDFDocument.create()).save({ addDefaultPage: false }), 'This PDF has no pages');
    await rejects(ENCRYPTED_PDF, 'This PDF is protected by a password');
    await rejects(new TextEncoder().encode('%PDF-1.7\nnot really a pdf'), 'This PDF is damaged and cannot be read');

    const oversized = new Uint8Array(MAX_PDF_BYTES + 1);
    oversized.set(new TextEncoder().encode('%PDF-1.7\n'));
    await rejects(oversized, 'Keep PDFs under 10 MB');
  });
});
