/**
 * Vital signs: each kind's LOINC code, canonical UCUM unit, the other units accepted (with their
 * stated conversions), what is impossible (refused) and what is flagged. One table, used by the
 * server to check and store readings, by the FHIR mapper and by the MedCart tab.
 */

export const READING_KINDS = [
  'blood_pressure',
  'heart_rate',
  'respiratory_rate',
  'oxygen_saturation',
  'body_temperature',
  'body_weight',
  'body_height',
  'bmi',
  'blood_glucose',
] as const;
export type ReadingKind = (typeof READING_KINDS)[number];

export type ReadingFlag = 'high' | 'low';
export type UnitSystem = 'metric' | 'us';

/** Another unit a device may send, and how it becomes the canonical one. */
interface Conversion {
  unit: string;
  toCanonical: (value: number) => number;
  fromCanonical: (value: number) => number;
}

const factor = (unit: string, times: number): Conversion => ({ unit, toCanonical: (v) => v * times, fromCanonical: (v) => v / times });

/** kPa × 7.50062 → mm[Hg]; [degF] → Cel; [lb_av] × 0.45359237 → kg (exact); [in_i] × 2.54 → cm (exact); mmol/L × 18.016 → mg/dL (glucose). */
export const CONVERSIONS = {
  kPa: factor('kPa', 7.50062),
  degF: { unit: '[degF]', toCanonical: (f: number) => ((f - 32) * 5) / 9, fromCanonical: (c: number) => (c * 9) / 5 + 32 },
  lb: factor('[lb_av]', 0.45359237),
  inch: factor('[in_i]', 2.54),
  glucoseMmol: factor('mmol/L', 18.016),
} satisfies Record<string, Conversion>;

interface Range {
  min: number;
  max: number;
}

export interface KindSpec {
  label: string;
  loinc: string;
  /** The LOINC display name, as FHIR codings carry it. */
  display: string;
  /** UCUM, as stored and returned by the API. */
  unit: string;
  conversions: Conversion[];
  /** Outside this (inclusive) the reading cannot be true: refused with 422 (blood pressure: per component). */
  possible: Range | null;
  /** Below `low` or above `high` the reading is stored and flagged. */
  flag: { low?: number; high?: number };
  /** Units shown to a clinic that prefers US customary units, when not the canonical one. */
  us?: Conversion;
  /** Units shown to a metric clinic, when not the canonical one (glucose in mmol/L). */
  metric?: Conversion;
  /** Decimals a person reads the value with. */
  decimals: number;
}

/** Systolic and diastolic: the blood-pressure panel's two parts. */
export const BP_COMPONENTS = {
  systolic: { loinc: '8480-6', display: 'Systolic blood pressure', possible: { min: 20, max: 300 }, flag: { low: 90, high: 180 } },
  diastolic: { loinc: '8462-4', display: 'Diastolic blood pressure', possible: { min: 5, max: 250 }, flag: { high: 120 } },
} as const;
export type BpComponent = keyof typeof BP_COMPONENTS;

// Flags follow published alert levels: NEWS2's extremes for heart and breathing rate, SpO2 and
// temperature; the AHA's hypertensive crisis (> 180 / > 120) and hypotension (< 90 systolic);
// ADA hypoglycaemia (< 70 mg/dL).
export const KINDS: Record<ReadingKind, KindSpec> = {
  blood_pressure: {
    label: 'Blood pressure',
    loinc: '85354-9',
    display: 'Blood pressure panel with all children optional',
    unit: 'mm[Hg]',
    conversions: [CONVERSIONS.kPa],
    possible: null,
    flag: {},
    decimals: 0,
  },
  heart_rate: { label: 'Heart rate', loinc: '8867-4', display: 'Heart rate', unit: '/min', conversions: [], possible: { min: 20, max: 300 }, flag: { low: 41, high: 130 }, decimals: 0 },
  respiratory_rate: { label: 'Respiratory rate', loinc: '9279-1', display: 'Respiratory rate', unit: '/min', conversions: [], possible: { min: 2, max: 80 }, flag: { low: 9, high: 24 }, decimals: 0 },
  oxygen_saturation: {
    label: 'Oxygen saturation',
    loinc: '2708-6',
    display: 'Oxygen saturation in Arterial blood',
    unit: '%',
    conversions: [],
    possible: { min: 0, max: 100 },
    flag: { low: 92 },
    decimals: 0,
  },
  body_temperature: {
    label: 'Body temperature',
    loinc: '8310-5',
    display: 'Body temperature',
    unit: 'Cel',
    conversions: [CONVERSIONS.degF],
    possible: { min: 25, max: 45 },
    flag: { low: 35.1, high: 39 },
    us: CONVERSIONS.degF,
    decimals: 1,
  },
  body_weight: {
    label: 'Body weight',
    loinc: '29463-7',
    display: 'Body weight',
    unit: 'kg',
    conversions: [CONVERSIONS.lb],
    possible: { min: 0.2, max: 650 },
    flag: {},
    us: CONVERSIONS.lb,
    decimals: 1,
  },
  body_height: {
    label: 'Body height',
    loinc: '8302-2',
    display: 'Body height',
    unit: 'cm',
    conversions: [CONVERSIONS.inch],
    possible: { min: 20, max: 280 },
    flag: {},
    us: CONVERSIONS.inch,
    decimals: 1,
  },
  bmi: { label: 'BMI', loinc: '39156-5', display: 'Body mass index (BMI) [Ratio]', unit: 'kg/m2', conversions: [], possible: { min: 5, max: 200 }, flag: { low: 16, high: 40 }, decimals: 1 },
  blood_glucose: {
    label: 'Blood glucose',
    loinc: '2339-0',
    display: 'Glucose [Mass/volume] in Blood',
    unit: 'mg/dL',
    conversions: [CONVERSIONS.glucoseMmol],
    possible: { min: 10, max: 2000 },
    flag: { low: 70, high: 250 },
    metric: CONVERSIONS.glucoseMmol,
    decimals: 0,
  },
};

/** How people read a UCUM unit. */
export const UNIT_LABELS: Record<string, string> = {
  'mm[Hg]': 'mmHg',
  kPa: 'kPa',
  '/min': '/min',
  '%': '%',
  Cel: '°C',
  '[degF]': '°F',
  kg: 'kg',
  '[lb_av]': 'lb',
  cm: 'cm',
  '[in_i]': 'in',
  'kg/m2': 'kg/m²',
  'mg/dL': 'mg/dL',
  'mmol/L': 'mmol/L',
};
export const unitLabel = (unit: string) => UNIT_LABELS[unit] ?? unit;

/** The units a kind accepts: its canonical one first. */
export const acceptedUnits = (kind: ReadingKind) => [KINDS[kind].unit, ...KINDS[kind].conversions.map((c) => c.unit)];

/** Decimals written in a number's shortest form: 98.6 → 1, 120 → 0, 1e-7 → 7. */
export function decimalsOf(value: number): number {
  const [mantissa = '', exponent] = String(value).toLowerCase().split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent ?? 0));
}

/** Rounds half away from zero at `decimals`, through the decimal string (no binary drift: 1.005 → 1.01). */
export function roundTo(value: number, decimals: number): number {
  const shifted = Math.round(Math.abs(Number(`${Math.abs(value)}e${decimals}`)));
  return Math.sign(value) * Number(`${shifted}e-${decimals}`);
}

/** A value in the canonical unit; converted ones are rounded to one decimal beyond what the device sent. */
export function toCanonical(kind: ReadingKind, value: number, unit: string): number | null {
  const spec = KINDS[kind];
  if (unit === spec.unit) return value;
  const conversion = spec.conversions.find((c) => c.unit === unit);
  return conversion ? roundTo(conversion.toCanonical(value), decimalsOf(value) + 1) : null;
}

export interface ReadingValues {
  value?: number | undefined;
  components?: { systolic: number; diastolic: number } | undefined;
}

export interface CheckedReading {
  value: number | null;
  components: { systolic: number; diastolic: number } | null;
  unit: string;
  flag: ReadingFlag | null;
}

export interface ReadingProblem {
  path: string;
  message: string;
}

const format = (n: number) => String(n);

function flagOf(value: number, flag: { low?: number; high?: number }): ReadingFlag | null {
  if (flag.high !== undefined && value > flag.high) return 'high';
  if (flag.low !== undefined && value < flag.low) return 'low';
  return null;
}

function outside(path: string, label: string, value: number, range: Range, unit: string): ReadingProblem[] {
  if (value >= range.min && value <= range.max) return [];
  return [{ path, message: `${label} must be between ${format(range.min)} and ${format(range.max)} ${unitLabel(unit)}` }];
}

/**
 * Checks a reading as sent and brings it to the canonical unit: the problems name the field
 * (`value`, `components.systolic`, `unit`…); an empty list means it may be stored as returned.
 */
export function checkReading(kind: ReadingKind, input: ReadingValues & { unit: string }): { reading: CheckedReading | null; problems: ReadingProblem[] } {
  const spec = KINDS[kind];
  if (!acceptedUnits(kind).includes(input.unit)) {
    return { reading: null, problems: [{ path: 'unit', message: `Use ${acceptedUnits(kind).join(' or ')} for ${spec.label.toLowerCase()}` }] };
  }
  if (kind === 'blood_pressure') {
    if (!input.components) return { reading: null, problems: [{ path: 'components', message: 'Enter the systolic and diastolic pressures' }] };
    if (input.value !== undefined) return { reading: null, problems: [{ path: 'value', message: 'Send blood pressure as components (systolic and diastolic), not one value' }] };
    const systolic = toCanonical(kind, input.components.systolic, input.unit)!;
    const diastolic = toCanonical(kind, input.components.diastolic, input.unit)!;
    const problems = [
      ...outside('components.systolic', 'Systolic', systolic, BP_COMPONENTS.systolic.possible, spec.unit),
      ...outside('components.diastolic', 'Diastolic', diastolic, BP_COMPONENTS.diastolic.possible, spec.unit),
    ];
    if (problems.length === 0 && systolic <= diastolic) problems.push({ path: 'components.systolic', message: 'Systolic must be higher than diastolic' });
    if (problems.length > 0) return { reading: null, problems };
    const flags = [flagOf(systolic, BP_COMPONENTS.systolic.flag), flagOf(diastolic, BP_COMPONENTS.diastolic.flag)];
    const flag = flags.includes('high') ? 'high' : flags.includes('low') ? 'low' : null;
    return { reading: { value: null, components: { systolic, diastolic }, unit: spec.unit, flag }, problems: [] };
  }
  if (input.components) return { reading: null, problems: [{ path: 'components', message: `Send ${spec.label.toLowerCase()} as one value` }] };
  if (input.value === undefined) return { reading: null, problems: [{ path: 'value', message: 'Enter a value' }] };
  const value = toCanonical(kind, input.value, input.unit)!;
  const problems = spec.possible ? outside('value', spec.label, value, spec.possible, spec.unit) : [];
  if (problems.length > 0) return { reading: null, problems };
  return { reading: { value, components: null, unit: spec.unit, flag: flagOf(value, spec.flag) }, problems: [] };
}

/** The unit a clinic reads a kind in. */
export function displayUnit(kind: ReadingKind, system: UnitSystem): string {
  const spec = KINDS[kind];
  return (system === 'us' ? spec.us : spec.metric)?.unit ?? spec.unit;
}

/** A canonical value in the clinic's preferred unit, rounded for reading. */
export function displayNumber(kind: ReadingKind, canonical: number, system: UnitSystem): number {
  const spec = KINDS[kind];
  const conversion = system === 'us' ? spec.us : spec.metric;
  if (!conversion) return roundTo(canonical, spec.decimals);
  return roundTo(conversion.fromCanonical(canonical), Math.max(1, spec.decimals));
}

/** "120/80 mmHg", "98.6 °F": a reading as a clinic that prefers `system` reads it. */
export function formatReading(reading: { kind: ReadingKind; value: number | null; components: { systolic: number; diastolic: number } | null }, system: UnitSystem): string {
  const unit = unitLabel(displayUnit(reading.kind, system));
  if (reading.components) return `${displayNumber(reading.kind, reading.components.systolic, system)}/${displayNumber(reading.kind, reading.components.diastolic, system)} ${unit}`;
  return `${displayNumber(reading.kind, reading.value ?? 0, system)} ${unit}`;
}
