import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type * as TimeZones from '../../lib/time-zones';
import { setup } from '../../testing/render';
import { TimeZoneSelect } from './TimeZoneSelect';

const listed = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../lib/time-zones', async (importOriginal) => {
  const original = await importOriginal<typeof TimeZones>();
  return {
    ...original,
    timeZoneOptions: () => {
      listed.count += 1;
      return original.timeZoneOptions();
    },
  };
});

describe('TimeZoneSelect', () => {
  it('shows the chosen zone without labelling every zone, then lists them all once focused', async () => {
    const onChange = vi.fn();
    const { user } = setup(<TimeZoneSelect value="America/New_York" onChange={onChange} />);
    const picker = screen.getByRole('combobox', { name: 'Time zone' });
    expect((picker as HTMLInputElement).value).toMatch(/^America\/New York \(UTC-0[45]:00\)$/);
    expect(listed.count).toBe(0);

    await user.click(picker);
    expect(listed.count).toBe(1);
    await user.clear(picker);
    await user.type(picker, 'Berlin');
    await user.click(await screen.findByRole('option', { name: /^Europe\/Berlin \(UTC\+0[12]:00\)$/, hidden: true }));
    expect(onChange).toHaveBeenCalledWith('Europe/Berlin', expect.objectContaining({ value: 'Europe/Berlin' }));
  });
});
