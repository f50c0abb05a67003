import { describe, expect, it } from 'vitest';
import type { DocumentTemplate } from '../../../shared/documents';
import { draftOf, newField, newOption, slug, toTemplateBody, validateDraft } from './template-draft';

const SAVED: DocumentTemplate = {
  id: 't1',
  name: 'Intake',
  audience: 'participant',
  kind: 'form',
  version: 3,
  active: true,
  file: null,
  fields: [
    { id: 'pain', label: 'Pain level', type: 'single_choice', required: true, options: [{ value: 'none', label: 'None' }, { value: 'severe', label: 'Severe' }] },
    { id: 'notes', label: 'Notes', help: 'Anything else', type: 'long_text', required: false },
  ],
};

describe('slug', () => {
  it('makes ids from labels, accents and punctuation dropped', () => {
    expect(slug('Date of birth', 'field')).toBe('date_of_birth');
    expect(slug('  ¿Alergias? Sí/No ', 'field')).toBe('alergias_si_no');
    expect(slug('???', 'field')).toBe('field');
    expect(slug('a'.repeat(60), 'field')).toHaveLength(36);
  });
});

describe('toTemplateBody', () => {
  it('keeps saved ids and option values even when labels change', () => {
    const draft = draftOf(SAVED);
    draft.fields[0]!.label = 'How bad is the pain?';
    draft.fields[0]!.options[1]!.label = 'Very bad';
    const body = toTemplateBody(draft);
    expect(body.fields[0]).toEqual({
      id: 'pain',
      label: 'How bad is the pain?',
      type: 'single_choice',
      required: true,
      options: [{ value: 'none', label: 'None' }, { value: 'severe', label: 'Very bad' }],
    });
    expect(body.fields[1]).toEqual({ id: 'notes', label: 'Notes', help: 'Anything else', type: 'long_text', required: false });
  });

  it('claims new ids and values that no other field or option has', () => {
    const draft = draftOf(SAVED);
    const again = newField('short_text');
    again.label = 'Pain';
    const twin = newField('short_text');
    twin.label = 'Pain';
    draft.fields.push(again, twin);
    const option = newOption();
    option.label = 'None';
    draft.fields[0]!.options.push(option);
    const body = toTemplateBody(draft);
    expect(body.fields.map((f) => f.id)).toEqual(['pain', 'notes', 'pain_2', 'pain_3']);
    expect(body.fields[0]!.options?.map((o) => o.value)).toEqual(['none', 'severe', 'none_2']);
  });

  it('sends options for choice fields only, and trims text', () => {
    const draft = draftOf(SAVED);
    draft.fields[0]!.type = 'short_text';
    draft.name = '  Intake  ';
    draft.fields[1]!.help = '   ';
    const body = toTemplateBody(draft);
    expect(body.name).toBe('Intake');
    expect(body.fields[0]).not.toHaveProperty('options');
    expect(body.fields[1]).not.toHaveProperty('help');
  });
});

describe('number and date limits', () => {
  it('sends a number’s range, step and unit and a date’s limit only for those types, and reads them back', () => {
    const weight = { ...newField('number'), label: 'Weight', min: 0, max: 700, step: 0.1, unit: ' kg ' } as const;
    const birth = { ...newField('date'), label: 'Birth', dateLimit: 'past' } as const;
    const draft = { name: 'Vitals', audience: 'participant' as const, fields: [weight, birth, { ...weight, key: 'k-other', type: 'short_text' as const, label: 'Note' }] };
    const body = toTemplateBody(draft);
    expect(body.fields).toEqual([
      { id: 'weight', label: 'Weight', type: 'number', required: false, min: 0, max: 700, step: 0.1, unit: 'kg' },
      { id: 'birth', label: 'Birth', type: 'date', required: false, dateLimit: 'past' },
      { id: 'note', label: 'Note', type: 'short_text', required: false },
    ]);
    const back = draftOf({ ...SAVED, fields: body.fields });
    expect(back.fields[0]).toMatchObject({ min: 0, max: 700, step: 0.1, unit: 'kg', dateLimit: '' });
    expect(back.fields[1]).toMatchObject({ min: '', unit: '', dateLimit: 'past' });
  });

  it('reports a range upside down at the builder’s path', () => {
    const draft = draftOf(SAVED);
    draft.fields.push({ ...newField('number'), label: 'Weight', min: 10, max: 5, step: -1 });
    expect(validateDraft(draft)).toEqual({ 'fields.2.max': 'Make the largest at least the smallest', 'fields.2.step': 'Use a step above 0' });
  });
});

describe('validateDraft', () => {
  it('reports problems at the builder’s own paths', () => {
    const draft = draftOf(null);
    draft.fields[0]!.label = '';
    const choice = newField('multiple_choice');
    choice.label = 'Symptoms';
    choice.options = [{ ...choice.options[0]!, label: 'Cough' }];
    draft.fields.push(choice);
    expect(validateDraft(draft)).toEqual({
      name: 'Enter a name',
      'fields.0.label': 'Give the field a label',
      'fields.1.options': 'A choice needs at least two options',
    });
  });

  it('passes a complete form, and asks for at least one field', () => {
    const draft = draftOf(SAVED);
    expect(validateDraft(draft)).toEqual({});
    draft.fields = [];
    expect(validateDraft(draft)).toEqual({ fields: 'Add at least one field' });
  });

  it('starts a new signature field as required and a choice with two options', () => {
    expect(newField('signature').required).toBe(true);
    expect(newField('single_choice').options).toHaveLength(2);
    expect(newField('date').options).toEqual([]);
  });
});
