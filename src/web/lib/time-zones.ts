/** Every IANA zone the browser knows, with its current UTC offset, for pickers. */
export interface TimeZoneOption {
  value: string;
  label: string;
}

function offsetLabel(timeZone: string, at: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  return part === 'GMT' ? 'UTC' : (part ?? '').replace('GMT', 'UTC');
}

/** One zone as `timeZoneOptions` lists it. */
export const timeZoneOption = (zone: string, at = new Date()): TimeZoneOption => ({ value: zone, label: `${zone.replaceAll('_', ' ')} (${offsetLabel(zone, at)})` });

let cached: TimeZoneOption[] | undefined;

export function timeZoneOptions(at = new Date()): TimeZoneOption[] {
  if (!cached) {
    const zones = new Set(Intl.supportedValuesOf('timeZone'));
    zones.add('UTC');
    cached = [...zones].sort().map((zone) => timeZoneOption(zone, at));
  }
  return cached;
}
