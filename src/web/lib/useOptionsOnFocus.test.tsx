import { Select } from '@mantine/core';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setup } from '../testing/render';
import { useOptionsOnFocus } from './useOptionsOnFocus';

const QUARTER_HOURS = Array.from({ length: 96 }, (_, i) => `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`);

function StartPicker({ searchable = false }: { readonly searchable?: boolean }) {
  return <Select aria-label="Start" data={QUARTER_HOURS} defaultValue="09:00" searchable={searchable} {...useOptionsOnFocus()} />;
}
const startInput = () => screen.getAllByLabelText('Start').find((element): element is HTMLInputElement => element instanceof HTMLInputElement)!;

describe('useOptionsOnFocus', () => {
  it('renders none of a picker’s options until it is focused', async () => {
    const { user } = setup(<StartPicker searchable />);
    expect(screen.queryAllByRole('option', { hidden: true })).toHaveLength(0);
    await user.click(startInput());
    expect(await screen.findAllByRole('option', { hidden: true })).toHaveLength(96);
  });

  it('keeps the keyboard as Mantine has it: the arrow key opens the list on the chosen time, the next one moves on', async () => {
    const { user } = setup(<StartPicker />);
    await user.tab();
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(startInput().value).toBe('09:15');
  });
});
