import { PDFDocument } from 'pdf-lib';
import { type Answers, type DocumentField, isDrawnSignature, MAX_PDF_BYTES, withUnit } from '../../../shared/documents';
import type { FieldError } from '../../../shared/problem';
import { formatCalendarDate, formatLongDate, formatSessionTime, formatTime } from '../../../shared/format';
import { DomainError } from '../../errors';
import { embedTypeface } from './pdf-fonts';
import { MUTED, stampFooters, Writer } from './pdf-layout';

export interface CompletedDocumentPdf {
  organizationName: string;
  /** Instants as ISO strings. */
  session: { serviceName: string; sessionTypeName: string; hostName: string; start: string; end: string };
  document: { id: string; name: string; version: number; kind: 'form' | 'pdf'; fields: DocumentField[]; answers: Answers };
  signer: { name: string; role: 'participant' | 'host' };
  completedAt: string;
  /** The zone times are shown in (the signer's); every time names it. */
  timeZone: string;
  /** For kind 'pdf': the document that was read, put before the record. */
  sourcePdf?: Uint8Array;
}

const EMPTY = '—';
const SIGNATURE_BOX = { width: 200, height: 70 };

/** The signed record of a completed document: the source PDF's pages (if any), then the answers and the signature. */
export async function renderCompletedDocument(input: CompletedDocumentPdf): Promise<Uint8Array> {
  const { document, session, signer, timeZone } = input;
  const doc = await PDFDocument.create();
  doc.setTitle(`${document.name} — ${signer.name}`);
  doc.setAuthor(input.organizationName);
  doc.setCreator('Carebeam');
  doc.setProducer('Carebeam');
  doc.setCreationDate(new Date(input.completedAt));
  doc.setModificationDate(new Date(input.completedAt));

  let sourcePages = 0;
  if (document.kind === 'pdf' && input.sourcePdf) {
    const source = await PDFDocument.load(input.sourcePdf);
    for (const page of await doc.copyPages(source, source.getPageIndices())) doc.addPage(page);
    sourcePages = source.getPageCount();
  }

  const { sourcePdf: _bytes, ...printed } = input;
  const typeface = await embedTypeface(doc, stringsOf(printed));
  const w = new Writer(doc, typeface);
  w.text(input.organizationName, { bold: true, size: 16 });
  w.text('Signed document', { color: MUTED });
  w.rule();
  w.space(6);
  w.text(document.name, { bold: true, size: 18 });
  w.text(`Version ${document.version}`, { color: MUTED });
  if (sourcePages > 0) w.text(`The ${sourcePages === 1 ? 'page' : `${sourcePages} pages`} before this one ${sourcePages === 1 ? 'is' : 'are'} the document as it was read.`, { color: MUTED });
  w.space(10);
  w.pair('Service', session.serviceName);
  w.pair('Session type', session.sessionTypeName);
  w.pair('Host', session.hostName);
  w.pair('When', formatSessionTime(session.start, session.end, timeZone));
  w.rule();
  w.space(6);

  for (const field of document.fields) {
    w.need(34); // the label with at least one line of its answer
    w.text(field.label, { bold: true });
    const value = document.answers[field.id];
    if (field.type === 'signature' && typeof value === 'string' && isDrawnSignature(value)) await drawSignature(doc, w, value);
    else if (field.type === 'signature' && typeof value === 'string' && value.trim()) w.text(`Signed: ${value.trim()} (typed)`);
    else w.text(answerText(field, value));
    w.space(8);
  }

  w.rule();
  w.space(4);
  const signedAt = `${formatLongDate(input.completedAt, timeZone)} at ${formatTime(input.completedAt, timeZone)}`;
  w.text(`Signed by ${signer.name} (${signer.role}) on ${signedAt}`, { bold: true });

  stampFooters(doc, typeface, (page, pages) => `Carebeam · document ${document.id} · page ${page} of ${pages}`);
  return doc.save();
}

/** Every string in the record's input (drawn signatures aside): what the fonts must be able to show. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return isDrawnSignature(value) ? [] : [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

const pngBytes = (dataUrl: string) => Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');

/**
 * Drawn signatures the signed record could not show. Completion refuses them, so a person signs
 * again now rather than a clinic finding a record without its signature later.
 */
export async function unreadableSignatures(fields: DocumentField[], answers: Answers): Promise<FieldError[]> {
  const drawn = fields.filter((field) => field.type === 'signature' && typeof answers[field.id] === 'string' && isDrawnSignature(answers[field.id] as string));
  if (drawn.length === 0) return [];
  const scratch = await PDFDocument.create();
  const errors: FieldError[] = [];
  for (const field of drawn) {
    try {
      await scratch.embedPng(pngBytes(answers[field.id] as string));
    } catch {
      errors.push({ path: `answers.${field.id}`, message: 'The drawn signature could not be read: please sign again' });
    }
  }
  return errors;
}

async function drawSignature(doc: PDFDocument, w: Writer, dataUrl: string) {
  try {
    const png = await doc.embedPng(pngBytes(dataUrl));
    w.image(png, SIGNATURE_BOX);
    w.text('Signature drawn on screen', { size: 9, color: MUTED });
  } catch {
    // Completion refuses unreadable images; should one be stored anyway, the record still says a signature was drawn.
    w.text('Signature drawn on screen (the image could not be read)');
  }
}

const isEmpty = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && !value.trim()) || (Array.isArray(value) && value.length === 0);

/** An answer as a person reads it: options by label, dates written out, yes/no in words. */
function answerText(field: DocumentField, value: unknown): string {
  if (isEmpty(value)) return EMPTY;
  const label = (v: unknown) => field.options?.find((option) => option.value === v)?.label ?? String(v);
  switch (field.type) {
    case 'yes_no':
      return value === true ? 'Yes' : value === false ? 'No' : String(value);
    case 'single_choice':
      return label(value);
    case 'multiple_choice':
      return Array.isArray(value) ? value.map(label).join(', ') : label(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
        ? `${formatCalendarDate(value, { month: 'long', day: 'numeric', year: 'numeric' })} (${value})`
        : String(value);
    case 'number':
      return typeof value === 'number' ? withUnit(value, field.unit) : String(value);
    default:
      return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  }
}

/** Why an uploaded file cannot be a PDF document; the message is for the person who uploaded it. */
export class PdfRejected extends DomainError {
  override name = 'PdfRejected';
  constructor(message: string) {
    super('unprocessable', 'pdf_rejected', message);
  }
}

const PDF_MAGIC = [...'%PDF-'].map((c) => c.charCodeAt(0));

/** The content check for an uploaded PDF: a readable, unencrypted PDF with pages, within the size limit. */
export async function checkPdfUpload(bytes: Uint8Array): Promise<{ pages: number }> {
  if (bytes.length === 0) throw new PdfRejected('This file is empty');
  if (bytes.length > MAX_PDF_BYTES) throw new PdfRejected('Keep PDFs under 10 MB');
  if (!PDF_MAGIC.every((byte, i) => bytes[i] === byte)) throw new PdfRejected('This file is not a PDF');
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  } catch {
    throw new PdfRejected('This PDF is damaged and cannot be read');
  }
  // Even an owner-password-only PDF has encrypted content, which pdf-lib cannot copy into a record.
  if (doc.isEncrypted) throw new PdfRejected('This PDF is protected by a password');
  const pages = pageCount(doc);
  if (pages === null) throw new PdfRejected('This PDF is damaged and cannot be read');
  if (pages < 1) throw new PdfRejected('This PDF has no pages');
  return { pages };
}

function pageCount(doc: PDFDocument): number | null {
  try {
    return doc.getPageCount();
  } catch {
    return null;
  }
}
