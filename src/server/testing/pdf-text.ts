import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

// pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy so callers keep theirs.
const open = (bytes: Uint8Array) =>
  getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;

/** All the text of a PDF, as a reader would see it: a line per text run, pages apart by a blank line. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await open(bytes);
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      let text = '';
      for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : ' ');
      pages.push(text.trim());
    }
    return pages.join('\n\n');
  } finally {
    await doc.destroy();
  }
}

export async function pdfPageCount(bytes: Uint8Array): Promise<number> {
  const doc = await open(bytes);
  try {
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}
