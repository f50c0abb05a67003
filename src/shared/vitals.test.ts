import { describe, expect, it } from 'vitest';
import { describeHistory } from './history';
import { checkReading, decimalsOf, displayNumber, formatReading, roundTo, toCanonical } from './vitals';

describe('unit conversion', () => {
  it('uses the stated factors, rounded to one decimal beyond what the device sent', () => {
    // 16.0 kPa is sent as 16 (no decimals): 16 × 7.50062 = 120.00992 → 120.0
    expect(toCanonical('blood_pressure', 16, 'kPa')).toBe(120);
    // 10.7 kPa × 7.50062 = 80.256634 → 80.26
    expect(toCanonical('blood_pressure', 10.7, 'kPa')).toBe(80.26);
    // 98.6 °F = 37 °C exactly; (98.6 − 32) × 5/9 in binary is 36.99999…, rounded at 2 decimals to 37
    expect(toCanonical('body_temperature', 98.6, '[degF]')).toBe(37);
    // 101.3 °F = 38.5 °C
    expect(toCanonical('body_temperature', 101.3, '[degF]')).toBe(38.5);
    // 154 lb × 0.45359237 = 69.85322498 → 69.9 kg
    expect(toCanonical('body_weight', 154, '[lb_av]')).toBe(69.9);
    // 154.5 lb × 0.45359237 = 70.08002117 → 70.08 kg
    expect(toCanonical('body_weight', 154.5, '[lb_av]')).toBe(70.08);
    // 5.5 mmol/L × 18.016 = 99.088 → 99.09 mg/dL
    expect(toCanonical('blood_glucose', 5.5, 'mmol/L')).toBe(99.09);
    // 70 in × 2.54 = 177.8 cm
    expect(toCanonical('body_height', 70, '[in_i]')).toBe(177.8);
  });

  it('keeps a value sent in the canonical unit as it was', () => {
    expect(toCanonical('heart_rate', 72, '/min')).toBe(72);
    expect(toCanonical('body_temperature', 36.55, 'Cel')).toBe(36.55);
    expect(toCanonical('heart_rate', 72, 'kPa')).toBeNull();
  });

  it('counts decimals and rounds through the decimal string, half away from zero', () => {
    expect([decimalsOf(120), decimalsOf(98.6), decimalsOf(0.125), decimalsOf(1e-7)]).toEqual([0, 1, 3, 7]);
    expect(roundTo(1.005, 2)).toBe(1.01); // 1.005 is 1.00499999… in binary
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(80.256634, 2)).toBe(80.26);
  });

  it('shows canonical values in the clinic’s preferred units', () => {
    expect(displayNumber('body_temperature', 37, 'us')).toBe(98.6);
    expect(displayNumber('body_weight', 70, 'us')).toBe(154.3);
    expect(displayNumber('blood_glucose', 99.09, 'metric')).toBe(5.5);
    expect(displayNumber('blood_glucose', 99.09, 'us')).toBe(99);
    expect(formatReading({ kind: 'blood_pressure', value: null, components: { systolic: 120, diastolic: 80 } }, 'us')).toBe('120/80 mmHg');
    expect(formatReading({ kind: 'body_temperature', value: 38.5, components: null }, 'us')).toBe('101.3 °F');
    expect(formatReading({ kind: 'body_height', value: 177.8, components: null }, 'metric')).toBe('177.8 cm');
  });
});

describe('checkReading', () => {
  const problems = (...args: Parameters<typeof checkReading>) => checkReading(...args).problems;

  it('refuses impossible values at their field', () => {
    expect(problems('oxygen_saturation', { value: 101, unit: '%' })).toEqual([{ path: 'value', message: 'Oxygen saturation must be between 0 and 100 %' }]);
    expect(problems('oxygen_saturation', { value: -1, unit: '%' })[0]!.path).toBe('value');
    expect(problems('blood_pressure', { components: { systolic: 80, diastolic: 80 }, unit: 'mm[Hg]' })).toEqual([{ path: 'components.systolic', message: 'Systolic must be higher than diastolic' }]);
    expect(problems('blood_pressure', { components: { systolic: 400, diastolic: 80 }, unit: 'mm[Hg]' })[0]!.path).toBe('components.systolic');
    expect(problems('blood_pressure', { components: { systolic: 120, diastolic: 0 }, unit: 'mm[Hg]' })[0]!.path).toBe('components.diastolic');
    expect(problems('body_temperature', { value: 24.9, unit: 'Cel' })[0]!.path).toBe('value');
    expect(problems('body_temperature', { value: 45.1, unit: 'Cel' })[0]!.path).toBe('value');
    // 114 °F is 45.56 °C: impossible once converted
    expect(problems('body_temperature', { value: 114, unit: '[degF]' })[0]!.path).toBe('value');
    expect(problems('heart_rate', { value: 19, unit: '/min' })[0]!.path).toBe('value');
    expect(problems('heart_rate', { value: 301, unit: '/min' })[0]!.path).toBe('value');
    expect(problems('body_weight', { value: 0, unit: 'kg' })[0]!.path).toBe('value');
  });

  it('refuses a wrong unit or a wrong shape at its field', () => {
    expect(problems('heart_rate', { value: 72, unit: 'mm[Hg]' })).toEqual([{ path: 'unit', message: 'Use /min for heart rate' }]);
    expect(problems('blood_pressure', { value: 120, unit: 'mm[Hg]' })[0]!.path).toBe('components');
    expect(problems('blood_pressure', { value: 120, components: { systolic: 120, diastolic: 80 }, unit: 'mm[Hg]' })[0]!.path).toBe('value');
    expect(problems('heart_rate', { components: { systolic: 1, diastolic: 0 }, unit: '/min' })[0]!.path).toBe('components');
    expect(problems('heart_rate', { unit: '/min' })[0]!.path).toBe('value');
  });

  it('stores unusual but possible values with a flag', () => {
    expect(checkReading('oxygen_saturation', { value: 88, unit: '%' }).reading?.flag).toBe('low');
    expect(checkReading('oxygen_saturation', { value: 97, unit: '%' }).reading?.flag).toBeNull();
    expect(checkReading('blood_pressure', { components: { systolic: 190, diastolic: 100 }, unit: 'mm[Hg]' }).reading?.flag).toBe('high');
    expect(checkReading('blood_pressure', { components: { systolic: 85, diastolic: 50 }, unit: 'mm[Hg]' }).reading?.flag).toBe('low');
    expect(checkReading('heart_rate', { value: 250, unit: '/min' }).reading).toEqual({ value: 250, components: null, unit: '/min', flag: 'high' });
    expect(checkReading('body_temperature', { value: 102.2, unit: '[degF]' }).reading).toEqual({ value: 39, components: null, unit: 'Cel', flag: null });
    expect(checkReading('body_temperature', { value: 102.4, unit: '[degF]' }).reading?.flag).toBe('high');
    expect(checkReading('blood_glucose', { value: 3.5, unit: 'mmol/L' }).reading).toEqual({ value: 63.06, components: null, unit: 'mg/dL', flag: 'low' });
  });
});

describe('MedCart history sentences', () => {
  const staff = { kind: 'user' as const, id: 'u', name: 'Dr. Ada Okafor' };
  it('names the kind, the cart and the EHR', () => {
    expect(describeHistory({ type: 'reading_recorded', data: { readingId: 'r', kind: 'blood_pressure', source: 'manual', cartName: null }, actor: staff }, 'UTC')).toBe('Dr. Ada Okafor recorded blood pressure');
    expect(describeHistory({ type: 'reading_recorded', data: { readingId: 'r', kind: 'heart_rate', source: 'cart', cartName: 'Cart 3' }, actor: { kind: 'system', id: null, name: 'Cart 3' } }, 'UTC')).toBe(
      'MedCart Cart 3 recorded heart rate',
    );
    expect(describeHistory({ type: 'ehr_failed', data: { exportId: 'x', ehrName: 'Epic', error: 'HTTP 400' }, actor: { kind: 'system', id: null, name: 'Carebeam' } }, 'UTC')).toBe('Sending to Epic failed: HTTP 400');
    expect(describeHistory({ type: 'screenshot_captured', data: { imageId: 'i', participantId: 'p', participantName: 'Ana', label: null }, actor: staff }, 'UTC')).toBe('Dr. Ada Okafor captured a screenshot of Ana’s video');
  });
});
