import type { Migration } from 'kysely';
import * as foundation from './2026_11_28_0001_foundation';
import * as catalogWorkHoursSessions from './2026_11_28_0002_catalog_work_hours_sessions';
import * as scheduling from './2026_11_28_0003_scheduling';
import * as messaging from './2026_11_28_0004_messaging';
import * as sessionManagement from './2026_11_28_0005_session_management';
import * as documents from './2026_11_28_0006_documents';

/** Every migration, by name; names sort in the order they run. Add new ones at the end. */
export const migrations: Record<string, Migration> = {
  '2026_11_28_0001_foundation': foundation,
  '2026_11_28_0002_catalog_work_hours_sessions': catalogWorkHoursSessions,
  '2026_11_28_0003_scheduling': scheduling,
  '2026_11_28_0004_messaging': messaging,
  '2026_11_28_0005_session_management': sessionManagement,
  '2026_11_28_0006_documents': documents,
};
