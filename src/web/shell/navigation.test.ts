import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../pages/sign-in/next-path';
import { navItemsFor } from './navigation';

describe('navItemsFor', () => {
  it('gives administrators the admin pages and no one else', () => {
    const labels = (roles: Parameters<typeof navItemsFor>[0]) => navItemsFor(roles).map((item) => item.label);
    expect(labels(['provider'])).toEqual(['My Appointments', 'Participants', 'Work Hours']);
    expect(labels(['dispatcher'])).toEqual(['My Appointments', 'Participants', 'Work Hours']);
    expect(labels(['provider', 'admin'])).toEqual([
      'My Appointments', 'Participants', 'Work Hours', 'Users', 'Services', 'Documents', 'Devices', 'EHR', 'Settings', 'Outbox', 'Audit',
    ]);
  });
});

describe('safeNextPath', () => {
  it('returns to same-app paths only', () => {
    expect(safeNextPath('/users?x=1')).toBe('/users?x=1');
    expect(safeNextPath('//evil.example/x')).toBe('/appointments');
    expect(safeNextPath('https://evil.example')).toBe('/appointments');
    expect(safeNextPath(null)).toBe('/appointments');
  });
});
