import type { OpenAPIV3_1 } from 'openapi-types';

/** A small seeded PRNG (mulberry32): the same seed gives the same inputs, so a finding reproduces. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
export type Random = ReturnType<typeof seededRandom>;

/** Values of the wrong type, at the edges, or text PostgreSQL and UTF-8 refuse. */
export const NASTY_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 53 + 2,
  -1e308,
  1e308,
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  'x'.repeat(100_000),
  '2026-13-45T00:00:00Z',
  '2026-02-30',
  '-100000-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '00000000-0000-0000-0000-000000000000',
  '------------------------------------',
  'not-a-uuid',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  'line\r\nBcc: x@example.test',
  'NaN',
  [],
  {},
  [null],
  [[[[[]]]]],
  { $gt: '' },
];

/** The same for a path segment, query value or cursor, already percent-encoded where needed. */
export const NASTY_TEXT: readonly string[] = [
  '',
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%FF%FE',
  'x'.repeat(5_000),
  '-1',
  '0',
  '1e999',
  '99999999999999999999',
  'null',
  '%5B%5D',
  '%%%%',
  '2026-13-45',
  '2026-13-45T00:00:00Z',
  '-100000-01-01T00:00:00Z',
  '------------------------------------',
  '00000000-0000-0000-0000-000000000000',
  'W10',
  Buffer.from(JSON.stringify(['2026-03-03T10:00:00Z', 'x'])).toString('base64url'),
  Buffer.from(JSON.stringify({ a: 1 })).toString('base64url'),
  '..%2F..%2Fetc%2Fpasswd',
];

type Schema = OpenAPIV3_1.SchemaObject & { $ref?: string; const?: unknown };

/** Makes plausible values for a document's JSON Schemas, and hostile variations of them. */
export function inputMaker(document: OpenAPIV3_1.Document, random: Random) {
  const resolve = (schema: Schema): Schema =>
    schema.$ref ? resolve(document.components!.schemas![schema.$ref.replace('#/components/schemas/', '')] as Schema) : schema;

  function plausible(raw: Schema, depth = 0): unknown {
    const schema = resolve(raw);
    if (schema.const !== undefined) return schema.const;
    if (schema.enum) return random.pick(schema.enum);
    const choices = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
    if (choices) return plausible(random.pick(choices.filter((choice) => resolve(choice).type !== 'null')) ?? choices[0]!, depth + 1);
    if (schema.allOf) return plausible(schema.allOf[0] as Schema, depth + 1);
    const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
    switch (type) {
      case 'string':
        return plausibleText(schema);
      case 'integer':
      case 'number':
        return Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 1, 1));
      case 'boolean':
        return random.chance(0.5);
      case 'array':
        return depth > 4 ? [] : [plausible(((schema as OpenAPIV3_1.ArraySchemaObject).items ?? {}) as Schema, depth + 1)];
      case 'object':
      case undefined:
        if (depth > 4 || !schema.properties) return {};
        return Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, plausible(value as Schema, depth + 1)]));
      default:
        return null;
    }
  }

  function plausibleText(schema: Schema): string {
    switch (schema.format) {
      case 'uuid':
        return '3f0e1c55-8a4b-4c5e-9d1f-0a1b2c3d4e5f';
      case 'date-time':
        return '2026-03-03T10:00:00.000Z';
      case 'date':
        return '2026-03-03';
      case 'email':
        return 'fuzz@example.test';
      case 'uri':
        return 'https://example.test/';
      default:
        return 'fuzz'.padEnd(schema.minLength ?? 4, 'z');
    }
  }

  /** A plausible value with one spot (anywhere in it) made hostile, or an extra field. */
  function hostile(schema: Schema): unknown {
    const value = plausible(schema);
    if (random.chance(0.1)) return random.pick(NASTY_VALUES);
    const spots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
    const collect = (node: unknown) => {
      const entries: [string | number, unknown][] = Array.isArray(node) ? node.map((item, index) => [index, item]) : node && typeof node === 'object' ? Object.entries(node) : [];
      for (const [key, item] of entries) {
        spots.push({ parent: node as Record<string, unknown>, key });
        collect(item);
      }
    };
    collect(value);
    if (spots.length === 0 || random.chance(0.1)) {
      return value && typeof value === 'object' && !Array.isArray(value) ? { ...value, extraField: random.pick(NASTY_VALUES) } : random.pick(NASTY_VALUES);
    }
    const spot = random.pick(spots);
    (spot.parent as Record<string | number, unknown>)[spot.key] = random.pick(NASTY_VALUES);
    return value;
  }

  return { plausible, hostile };
}
