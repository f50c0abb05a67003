import { act, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionEhr } from '../../../shared/ehr';
import type { Reading } from '../../../shared/medcart';
import type { SessionDetails } from '../../../shared/sessions';
import type { Me } from '../../../shared/users';
import { useMe } from '../../auth/sign-in';
import { FakeWebSocket } from '../../testing/fake-websocket';
import { setup } from '../../testing/render';
import { MedCartTab } from './MedCartTab';

const SESSION_ID = '0b7c2f5e-1111-4c1a-9d7e-000000000001';
const ANA = '0b7c2f5e-2222-4c1a-9d7e-000000000002';
const me: Me = { id: 'u1', name: 'Dr. Ada Okafor', email: 'ada@clinic.test', roles: ['provider'], timeZone: 'America/New_York', organization: { id: 'o1', name: 'Clinic', timeZone: 'America/New_York' }, signInIdleMinutes: 30 };

const session = {
  id: SESSION_ID,
  status: 'in_progress',
  participants: [{ id: ANA, name: 'Ana Alvarez', timeZone: 'Europe/Madrid', invitationType: 'email', email: null, phone: null, delivery: 'opened' }],
  documents: [],
} as unknown as SessionDetails;

const reading = (id: string, overrides: Partial<Reading>): Reading => ({
  id,
  sessionId: SESSION_ID,
  participantId: ANA,
  kind: 'body_temperature',
  loinc: '8310-5',
  value: 38.5,
  components: null,
  unit: 'Cel',
  originalValue: 38.5,
  originalComponents: null,
  originalUnit: 'Cel',
  // 15:05Z is 10:05 AM EST in New York.
  effectiveAt: '2026-03-03T15:05:00.000Z',
  recordedAt: '2026-03-03T15:05:01.000Z',
  source: 'manual',
  deviceLabel: null,
  cart: null,
  enteredBy: { id: 'u1', name: 'Dr. Ada Okafor' },
  flag: null,
  status: 'final',
  corrects: null,
  correctedBy: null,
  ...overrides,
});

const READINGS: Reading[] = [
  reading('r1', { value: 39.5, originalValue: 39.5, status: 'entered-in-error', correctedBy: 'r2', flag: 'high' }),
  reading('r2', { value: 38.5, originalValue: 101.3, originalUnit: '[degF]', corrects: 'r1' }),
  reading('r3', { kind: 'oxygen_saturation', loinc: '2708-6', value: 88, unit: '%', originalValue: 88, originalUnit: '%', flag: 'low', source: 'cart', cart: { id: 'c1', name: 'Cart 2' }, deviceLabel: 'Nonin 3230', enteredBy: null }),
];

const EHR: SessionEhr = {
  status: { connected: true, name: 'Riverside EHR', lastCheckedAt: '2026-03-03T14:00:00.000Z', lastCheckOk: true, lastCheckDetail: 'Medplum', autoSend: false },
  exports: [],
  items: [
    { kind: 'reading', id: 'r2', state: 'sent' },
    { kind: 'reading', id: 'r3', state: 'not_sent' },
  ],
  patients: [{ participantId: ANA, name: 'Ana Alvarez', identifier: null }],
};

let readings: Reading[];
let posts: { url: string; body: unknown }[];

function serve(answerPost: () => Response) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    if ((init?.method ?? 'GET') === 'POST') {
      posts.push({ url, body: JSON.parse(String(init?.body)) });
      return answerPost();
    }
    if (url.startsWith('/api/me')) return Response.json(me);
    if (url === '/api/organization') return Response.json({ preferredUnits: 'us' });
    if (url.endsWith('/readings')) return Response.json({ items: readings });
    if (url.endsWith('/readings/earlier')) return Response.json({ items: [] });
    if (url.endsWith('/images')) return Response.json({ items: [] });
    if (url.endsWith('/cart')) return Response.json({ cart: null, participantId: null, attachedAt: null });
    if (url.endsWith('/ehr')) return Response.json(EHR);
    if (url === '/api/medcart/carts') return Response.json({ items: [] });
    return new Response('{}', { status: 404 });
  });
}

function SignedIn({ children }: { readonly children: ReactNode }) {
  return useMe().data ? children : null;
}

const open = () =>
  setup(
    <SignedIn>
      <MedCartTab session={session} viewerTimeZone="America/New_York" />
    </SignedIn>,
  );

beforeEach(() => {
  readings = READINGS;
  posts = [];
  FakeWebSocket.install();
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

// Typing into Mantine inputs is slow on a busy machine: more than the default 5 s.
describe('MedCartTab', { timeout: 20_000 }, () => {
  it('shows the latest of each kind in the clinic’s units, with flags, source, time zone and send state; a corrected reading struck through', async () => {
    serve(() => new Response('{}', { status: 500 }));
    open();
    const cards = await screen.findByRole('list', { name: 'Latest vital signs' });
    const temperature = within(cards).getByRole('listitem', { name: 'Body temperature' });
    expect(within(temperature).getByText('101.3 °F')).toBeTruthy();
    expect(within(temperature).getByText('Tue, Mar 3, 2026 · 10:05 AM EST')).toBeTruthy();
    expect(within(temperature).getByText('EHR: sent')).toBeTruthy();
    const oxygen = within(cards).getByRole('listitem', { name: 'Oxygen saturation' });
    expect(within(oxygen).getByText('88 %')).toBeTruthy();
    expect(within(oxygen).getByText('Low')).toBeTruthy();
    expect(within(oxygen).getByText('Cart 2 · Nonin 3230')).toBeTruthy();

    const table = screen.getByRole('region', { name: 'Body temperature' });
    expect(within(table).getByText('Entered in error')).toBeTruthy();
    expect(within(table).getByText('103.1 °F').closest('td')!.style.textDecoration).toBe('line-through');
    expect(screen.getByText('EHR connection established with Riverside EHR, last checked Tue, Mar 3, 2026 · 9:00 AM EST.')).toBeTruthy();
  });

  it('shows the server’s refusal of an impossible value at its field, and keeps the form open', async () => {
    serve(() => Response.json({ type: 'x', title: 'x', status: 422, code: 'invalid_reading', errors: [{ path: 'value', message: 'Oxygen saturation must be between 0 and 100 %' }] }, { status: 422 }));
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Add reading' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a reading' });
    // By keyboard: happy-dom leaves Mantine's dropdown at display:none.
    const kind = within(dialog).getByLabelText('Kind');
    await user.clear(kind);
    await user.type(kind, 'Oxygen');
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(within(dialog).getByLabelText('Unit')).toHaveProperty('value', '%'));
    await user.type(within(dialog).getByLabelText(/^Value/), '104');
    await user.click(within(dialog).getByRole('button', { name: 'Add reading' }));
    expect(await within(dialog).findByText('Oxygen saturation must be between 0 and 100 %')).toBeTruthy();
    expect(posts).toEqual([{ url: `/api/sessions/${SESSION_ID}/readings`, body: { value: 104, unit: '%', kind: 'oxygen_saturation', participantId: ANA } }]);
  });

  it('reloads the readings when the live channel says a cart sent one', async () => {
    serve(() => new Response('{}', { status: 500 }));
    open();
    await screen.findByRole('list', { name: 'Latest vital signs' });
    expect(FakeWebSocket.latest.url).toBe(`ws://localhost:3000/api/sessions/${SESSION_ID}/live`);
    readings = [...READINGS, reading('r4', { kind: 'heart_rate', loinc: '8867-4', value: 64, unit: '/min', originalValue: 64, originalUnit: '/min' })];
    act(() => {
      FakeWebSocket.latest.open();
      FakeWebSocket.latest.receive({ type: 'medcart.changed', sessionId: SESSION_ID, change: 'reading' });
    });
    await waitFor(() => expect(screen.getByRole('listitem', { name: 'Heart rate' })).toBeTruthy());
    expect(FakeWebSocket.latest.sent).toEqual([]); // no hello: this socket wants no chat
  });
});
