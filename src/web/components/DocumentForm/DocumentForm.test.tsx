import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Answers, DocumentField } from '../../../shared/documents';
import { setup } from '../../testing/render';
import { DocumentForm } from './DocumentForm';

const FIELDS: DocumentField[] = [
  { id: 'name', label: 'Full name', type: 'short_text', required: true, help: 'As on your ID card' },
  { id: 'history', label: 'Medical history', type: 'long_text', required: false },
  { id: 'allergies', label: 'Do you have allergies?', type: 'yes_no', required: true },
  {
    id: 'contact',
    label: 'Preferred contact',
    type: 'single_choice',
    required: true,
    options: [
      { value: 'email', label: 'Email' },
      { value: 'phone', label: 'Phone call' },
    ],
  },
  {
    id: 'symptoms',
    label: 'Symptoms',
    type: 'multiple_choice',
    required: false,
    options: [
      { value: 'pain', label: 'Pain' },
      { value: 'swelling', label: 'Swelling' },
      { value: 'stiff', label: 'Stiffness' },
    ],
  },
  { id: 'injury', label: 'Date of the injury', type: 'date', required: true },
  { id: 'level', label: 'Pain from 0 to 10', type: 'number', required: true },
  { id: 'sign', label: 'Signature', type: 'signature', required: true },
];
const REQUIRED_LABELS = ['Full name', 'Do you have allergies?', 'Preferred contact', 'Date of the injury', 'Pain from 0 to 10', 'Signature'];
const DRAWN = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** The texts an element is described by: its help, hint and error messages. */
const descriptionOf = (element: HTMLElement) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' | ');

/** Each field's control, found by its label as a person would. */
const controls = () => ({
  name: screen.getByRole('textbox', { name: 'Full name' }),
  history: screen.getByRole('textbox', { name: 'Medical history' }),
  allergies: screen.getByRole('radiogroup', { name: 'Do you have allergies?' }),
  contact: screen.getByRole('radiogroup', { name: 'Preferred contact' }),
  symptoms: screen.getByRole('group', { name: 'Symptoms' }),
  injury: screen.getByRole('textbox', { name: 'Date of the injury' }) as HTMLInputElement,
  level: screen.getByRole('textbox', { name: 'Pain from 0 to 10' }),
  sign: screen.getByRole('group', { name: 'Signature' }),
});

const openForm = (props: Partial<Parameters<typeof DocumentForm>[0]> = {}) => {
  const onSubmit = vi.fn<(answers: Answers) => Promise<unknown>>().mockResolvedValue(undefined);
  const result = setup(<DocumentForm fields={FIELDS} submitLabel="Send" onSubmit={onSubmit} {...props} />);
  return { ...result, onSubmit };
};

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  sessionStorage.clear();
});

// A whole form re-renders per keystroke in happy-dom: seconds on a busy machine, hence the timeout.
describe('DocumentForm', { timeout: 20_000 }, () => {
  it('renders every field type with its label, help and required marker, nothing answered', () => {
    openForm();
    const c = controls();
    expect(descriptionOf(c.name)).toContain('As on your ID card');
    for (const label of REQUIRED_LABELS) expect(screen.getByText(label).closest('label, div')?.textContent).toContain('*');
    expect(screen.getByText('Medical history').textContent).not.toContain('*');
    // Yes/No has no default: unanswered until chosen.
    expect(within(c.allergies).getAllByRole('radio').map((r) => (r as HTMLInputElement).checked)).toEqual([false, false]);
    expect(within(c.contact).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['email', 'phone']);
    expect(within(c.symptoms).getAllByRole('checkbox')).toHaveLength(3);
    expect(c.injury.value).toBe('');
    expect(within(c.sign).getByRole('img', { name: 'Signature' })).toBeTruthy();
  });

  it('blocks submitting while required fields are empty, says so under each, and focuses the first', async () => {
    const { user, onSubmit } = openForm();
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSubmit).not.toHaveBeenCalled();
    const c = controls();
    for (const control of [c.name, c.allergies, c.contact, c.injury, c.level, c.sign]) expect(descriptionOf(control)).toContain('This field is required');
    expect(descriptionOf(c.history)).not.toContain('This field is required');
    expect(screen.getAllByText('This field is required')).toHaveLength(6);
    expect(screen.getByRole('alert').textContent).toBe('Some answers need another look: see the messages under them.');
    expect(document.activeElement).toBe(c.name);

    // Answering a field takes its message away.
    await user.type(c.name, 'Marta');
    expect(descriptionOf(c.name)).not.toContain('This field is required');
  });

  it('submits exactly the answers given: text, booleans, option values, YYYY-MM-DD, numbers, a typed name', async () => {
    // The calendar opens on today's month: pinned to March 2026.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-20T12:00:00Z'));
    // The hidden popover (see below) makes Mantine's focus trap warn that it found nothing to focus.
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let finish: () => void = () => undefined;
    const { user, onSubmit } = openForm();
    onSubmit.mockImplementation(() => new Promise<void>((resolve) => (finish = resolve)));
    const c = controls();

    // Pasted rather than typed key by key: the same change events, far fewer renders.
    await user.click(c.name);
    await user.paste('Marta García');
    await user.click(c.history);
    await user.paste('Knee surgery in 2019');
    await user.click(within(c.allergies).getByRole('radio', { name: 'Yes' }));
    await user.click(within(c.contact).getByRole('radio', { name: 'Phone call' }));
    await user.click(within(c.symptoms).getByRole('checkbox', { name: 'Stiffness' }));
    await user.click(within(c.symptoms).getByRole('checkbox', { name: 'Pain' }));
    await user.click(c.injury);
    // happy-dom leaves the popover's transition hidden; the day is still there to press.
    await user.click(screen.getByLabelText('12 March 2026'));
    expect(c.injury.value).toBe('March 12, 2026');
    expect(descriptionOf(c.injury)).toContain('Understood as Thursday, March 12, 2026');
    await user.type(c.level, '7');
    await user.click(within(c.sign).getByRole('radio', { name: 'Type' }));
    await user.click(within(c.sign).getByRole('textbox', { name: 'Type your full name' }));
    await user.paste('Marta García');

    const send = screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement;
    await user.click(send);
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith({
      name: 'Marta García',
      history: 'Knee surgery in 2019',
      allergies: true,
      contact: 'phone',
      symptoms: ['stiff', 'pain'],
      injury: '2026-03-12',
      level: 7,
      sign: 'Marta García',
    });
    // Pending: the button shows it and cannot send twice.
    expect(send.disabled).toBe(true);
    expect(send.hasAttribute('data-loading')).toBe(true);
    finish();
    await waitFor(() => expect(send.disabled).toBe(false));
  });

  it('says at once when a number is out of range or a date on the wrong side of today, and reads typed dates', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-20T12:00:00Z'));
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { user, onSubmit } = openForm({
      fields: [
        { id: 'weight', label: 'Weight', type: 'number', required: true, min: 0, max: 700, step: 0.1, unit: 'kg' },
        { id: 'birth', label: 'Date of birth', type: 'date', required: true, dateLimit: 'past' },
      ],
    });
    const weight = screen.getByRole('textbox', { name: 'Weight' }) as HTMLInputElement;
    const birth = screen.getByRole('textbox', { name: 'Date of birth' }) as HTMLInputElement;
    expect(screen.getByText('kg')).toBeTruthy();
    await user.type(weight, '-5');
    expect(descriptionOf(weight)).toContain('Enter 0 kg to 700 kg');
    await user.tab();
    expect(weight.value).toBe('-5'); // never clamped behind the person's back

    await user.click(birth);
    await user.paste('3/5/2027');
    expect(descriptionOf(birth)).toContain('Enter a date that is not in the future');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSubmit).not.toHaveBeenCalled();

    await user.clear(birth);
    await user.paste('nonsense');
    await user.tab();
    expect(descriptionOf(birth)).toContain('“nonsense” is not a date we can read');

    await user.clear(weight);
    await user.type(weight, '72.5');
    await user.click(birth);
    await user.paste('March 5, 1985');
    await user.tab();
    expect(birth.value).toBe('March 5, 1985');
    expect(descriptionOf(birth)).toContain('Understood as Tuesday, March 5, 1985');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith({ weight: 72.5, birth: '1985-03-05' });
  });

  it('sends "No" as false and leaves unanswered optional fields out', async () => {
    const { user, onSubmit } = openForm({
      fields: [FIELDS[2]!, FIELDS[1]!, FIELDS[4]!],
    });
    await user.click(screen.getByRole('radio', { name: 'No' }));
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith({ allergies: false });
  });

  it('shows the server’s errors under their fields, and what belongs to no field above the button', async () => {
    const { user } = openForm({
      initialAnswers: { name: 'Marta', contact: 'email', sign: 'M' },
      serverErrors: [
        { path: 'answers.contact', message: 'Choose one of the options' },
        { path: 'answers.sign', message: 'Type your full name to sign' },
        { path: 'answers.extra', message: 'This document has no such field' },
      ],
    });
    const c = controls();
    expect(descriptionOf(c.contact)).toContain('Choose one of the options');
    expect(descriptionOf(c.sign)).toContain('Type your full name to sign');
    expect(descriptionOf(c.name)).toBe('As on your ID card');
    expect(screen.getByRole('alert').textContent).toContain('This document has no such field');
    // The first field in error has the focus.
    expect(document.activeElement).toBe(within(c.contact).getByRole('radio', { name: 'Email' }));

    await user.click(within(c.contact).getByRole('radio', { name: 'Phone call' }));
    expect(descriptionOf(c.contact)).not.toContain('Choose one of the options');
    expect(descriptionOf(c.sign)).toContain('Type your full name to sign');
  });

  it('keeps what was typed when submitting fails, and keeps a draft for the tab until it succeeds', async () => {
    const fields = [FIELDS[0]!, FIELDS[1]!];
    const first = openForm({ fields, draftKey: 'draft-1' });
    first.onSubmit.mockRejectedValueOnce(new Error('offline'));
    await first.user.type(screen.getByRole('textbox', { name: 'Full name' }), 'Marta');
    await first.user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(false));
    expect((screen.getByRole('textbox', { name: 'Full name' }) as HTMLInputElement).value).toBe('Marta');

    first.unmount();
    const second = openForm({ fields, draftKey: 'draft-1' });
    expect((screen.getByRole('textbox', { name: 'Full name' }) as HTMLInputElement).value).toBe('Marta');
    await second.user.click(screen.getByRole('button', { name: 'Send' }));
    expect(second.onSubmit).toHaveBeenCalledWith({ name: 'Marta' });
    await waitFor(() => expect(sessionStorage.getItem('draft-1')).toBeNull());
  });

  it('read only: answers as text, with option labels, Yes/No, written dates and the signature', () => {
    const { container } = openForm({
      readOnly: true,
      signerName: 'Marta García',
      initialAnswers: {
        name: 'Marta <b>García</b>',
        allergies: false,
        contact: 'phone',
        symptoms: ['pain', 'stiff'],
        injury: '2026-03-12',
        level: 7,
        sign: DRAWN,
      },
    });
    const answerOf = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling!;
    expect(answerOf('Full name').textContent).toBe('Marta <b>García</b>');
    expect(container.querySelector('b')).toBeNull();
    expect(answerOf('Medical history').textContent).toBe('Not answered');
    expect(answerOf('Do you have allergies?').textContent).toBe('No');
    expect(answerOf('Preferred contact').textContent).toBe('Phone call');
    expect(answerOf('Symptoms').textContent).toBe('Pain, Stiffness');
    expect(answerOf('Date of the injury').textContent).toBe('March 12, 2026');
    expect(answerOf('Pain from 0 to 10').textContent).toBe('7');
    expect(screen.getByRole('img', { name: 'Signature of Marta García' }).getAttribute('src')).toBe(DRAWN);
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('read only: "Yes" and a typed signature', () => {
    openForm({ readOnly: true, fields: [FIELDS[2]!, FIELDS[7]!], initialAnswers: { allergies: true, sign: 'Marta García' } });
    expect(screen.getByText('Do you have allergies?', { selector: 'dt' }).nextElementSibling?.textContent).toBe('Yes');
    expect(screen.getByText('Signature', { selector: 'dt' }).nextElementSibling?.textContent).toBe('Marta García');
    expect(screen.queryByRole('img')).toBeNull();
  });
});
