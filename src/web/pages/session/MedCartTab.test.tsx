import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setup } from '../../testing/render';
import { MedCartTab } from './MedCartTab';

describe('MedCartTab', () => {
  it('says calmly that nothing has arrived and that no EHR is connected', () => {
    setup(<MedCartTab />);
    expect(screen.getByRole('heading', { name: 'No MedCart data yet' })).toBeTruthy();
    expect(screen.getByText('Vital signs and screenshots from MedCart devices used in this session will appear here.')).toBeTruthy();
    expect(screen.getByText('No EHR connection is set up for your organization.')).toBeTruthy();
  });
});
