import {
  IconCalendarEvent,
  IconClockHour4,
  IconDeviceHeartMonitor,
  IconFileText,
  IconMail,
  IconShieldCheck,
  IconPlugConnected,
  IconSettings,
  IconStethoscope,
  IconUsers,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';
import type { Role } from '../../shared/roles';

export interface NavItem {
  label: string;
  path: string;
  icon: Icon;
  /** Who sees it; everyone signed in when absent. */
  roles?: Role[];
}

export const NAV_ITEMS: NavItem[] = [
  { label: 'My Appointments', path: '/appointments', icon: IconCalendarEvent },
  { label: 'Participants', path: '/participants', icon: IconUsersGroup },
  { label: 'Work Hours', path: '/work-hours', icon: IconClockHour4 },
  { label: 'Users', path: '/users', icon: IconUsers, roles: ['admin'] },
  { label: 'Services', path: '/services', icon: IconStethoscope, roles: ['admin'] },
  { label: 'Documents', path: '/documents', icon: IconFileText, roles: ['admin'] },
  { label: 'Devices', path: '/devices', icon: IconDeviceHeartMonitor, roles: ['admin'] },
  { label: 'EHR', path: '/ehr', icon: IconPlugConnected, roles: ['admin'] },
  { label: 'Settings', path: '/settings', icon: IconSettings, roles: ['admin'] },
  { label: 'Outbox', path: '/outbox', icon: IconMail, roles: ['admin'] },
  { label: 'Audit', path: '/audit', icon: IconShieldCheck, roles: ['admin'] },
];

export const navItemsFor = (roles: Role[]) =>
  NAV_ITEMS.filter((item) => !item.roles || item.roles.some((role) => roles.includes(role)));
