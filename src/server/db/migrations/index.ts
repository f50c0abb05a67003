import type { Migration } from 'kysely';
import * as foundation from './2026_11_28_0001_foundation';

/** Every migration, by name; names sort in the order they run. Add new ones at the end. */
export const migrations: Record<string, Migration> = {
  '2026_11_28_0001_foundation': foundation,
};
