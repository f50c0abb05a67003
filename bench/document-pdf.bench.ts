import { PDFDocument } from 'pdf-lib';
import { embedTypeface } from '../src/server/modules/documents/pdf-fonts';
import { renderCompletedDocument } from '../src/server/modules/documents/pdf';
import { DEMO_DOCUMENTS } from '../src/server/seed/demo-documents';
import { measureLatency } from './lib/latency';
import type { Figure } from './lib/report';

// A drawn signature arrives as a PNG data URL; a 1×1 one keeps the figure about the renderer, not image decoding.
const SIGNATURE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const intake = DEMO_DOCUMENTS.find((d) => d.name === 'Intake questionnaire')!;
const ANSWERS = {
  reason: 'Knee pain after running, worse on stairs',
  date_of_birth: '1984-07-09',
  symptoms: ['fever', 'headache'],
  pain: 'moderate',
  allergies: true,
  medications: 'Ibuprofen 400 mg when needed.\nVitamin D 1000 IU daily.',
  weight: 72.5,
  signature: SIGNATURE,
};

/**
 * The signed PDF of a completed intake questionnaire (every field type, a drawn signature),
 * against the floor of what any renderer must do: a pdf-lib document with the same two
 * embedded font subsets and the same strings drawn at fixed places, with no layout or wrapping.
 */
export async function benchDocumentPdf(): Promise<Figure[]> {
  const render = () =>
    renderCompletedDocument({
      organizationName: 'Demo Clinic',
      session: { serviceName: 'Follow-up visit', sessionTypeName: 'Video visit', hostName: 'Dr. Dora Docs', start: '2026-03-03T15:00:00Z', end: '2026-03-03T15:30:00Z' },
      document: { id: 'bench', name: intake.name, version: 1, kind: 'form', fields: intake.fields, answers: ANSWERS },
      signer: { name: 'Pia Phone', role: 'participant' },
      completedAt: '2026-03-03T15:05:00Z',
      timeZone: 'America/New_York',
    });
  const strings = [...intake.fields.map((f) => f.label), ...Object.values(ANSWERS).flat().map(String)];
  const floor = async () => {
    const doc = await PDFDocument.create();
    const typeface = await embedTypeface(doc, strings);
    const page = doc.addPage();
    strings.forEach((text, i) => page.drawText(text.slice(0, 60), { x: 56, y: 740 - i * 14, size: 10, font: typeface.primary(i % 2 === 0) }));
    return doc.save();
  };
  const rendered = await measureLatency(render, { warmup: 10, runs: 100 });
  const bare = await measureLatency(floor, { warmup: 10, runs: 100 });
  return [
    {
      name: 'signed PDF of the intake questionnaire (p50)',
      value: rendered.p50,
      unit: 'ms',
      floor: bare.p50,
      floorName: 'pdf-lib page, same fonts and strings, no layout',
      higherIsBetter: false,
    },
  ];
}
