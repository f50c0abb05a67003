import { describe, expect, it } from 'vitest';
import { updateServiceSchema } from './catalog';
import { templateNameSchema } from './documents';
import { organizationNameSchema } from './organization';
import { personNameSchema } from './users';

// Every single-line text field refuses control characters at the schema, so neither the API nor a
// form accepts an organization called "Harbor\r\nATTENDEE:…".
const HOSTILE = ['Harbor\r\nATTENDEE:mailto:spy@evil.test', 'Harbor\u0000', 'Tab\there', 'Bell\u0007', 'Del\u007f', 'C1\u0085'];

describe('single-line text fields', () => {
  it.each(HOSTILE)('refuse %j', (value) => {
    expect(personNameSchema.safeParse(value).success).toBe(false);
    expect(templateNameSchema.safeParse(value).success).toBe(false);
    expect(organizationNameSchema.safeParse(value).success).toBe(false);
    expect(updateServiceSchema.safeParse({ name: value }).success).toBe(false);
  });

  it('accept letters of any script, punctuation, and spaces trimmed', () => {
    expect(personNameSchema.parse('  Zoë O’Brien-Łukasz 山田 ')).toBe('Zoë O’Brien-Łukasz 山田');
  });
});
