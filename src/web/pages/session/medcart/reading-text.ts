import type { Reading } from '../../../../shared/medcart';
import { KINDS, unitLabel } from '../../../../shared/vitals';

/** Where a reading came from, as a person says it. */
export function sourceOf(reading: Reading): string {
  if (reading.source === 'cart') return [reading.cart?.name ?? 'MedCart', reading.deviceLabel].filter(Boolean).join(' · ');
  return `Entered by ${reading.enteredBy?.name ?? 'staff'}`;
}

/** "as sent: 98.6 °F", when the device or person used another unit than the one shown. */
export function asSent(reading: Reading, shownUnit: string): string | null {
  if (reading.originalUnit === shownUnit) return null;
  const value = reading.originalComponents ? `${reading.originalComponents.systolic}/${reading.originalComponents.diastolic}` : String(reading.originalValue);
  return `as sent: ${value} ${unitLabel(reading.originalUnit)}`;
}

export const kindLabel = (reading: Pick<Reading, 'kind'>) => KINDS[reading.kind].label;
