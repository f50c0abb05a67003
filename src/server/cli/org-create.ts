import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { LOCALES, organizationNameSchema } from '../../shared/setup';
import { timeZoneSchema } from '../../shared/time-zone';
import { emailSchema, personNameSchema } from '../../shared/users';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { DomainError } from '../errors';
import { createPasswordLink, passwordLinkUrl } from '../modules/auth';
import { createOrganizationWithAdmin } from '../modules/setup';
import { type Command, CommandError, UsageError } from './command';
import { withCurrentDatabase } from './database';

export interface OrgCreateDeps {
  db: Kysely<Database>;
  clock: Clock;
  publicUrl: URL;
}

const argsSchema = z.object({
  name: organizationNameSchema,
  'time-zone': timeZoneSchema,
  'admin-email': emailSchema,
  'admin-name': personNameSchema.optional(),
  locale: z.enum(LOCALES).default('en-US'),
});
type OrgCreateInput = z.infer<typeof argsSchema>;

/** The arguments, checked before the database is opened; bad ones are a UsageError naming each. */
export function parseOrgCreateArgs(args: string[]): OrgCreateInput {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { name: { type: 'string' }, 'time-zone': { type: 'string' }, 'admin-email': { type: 'string' }, 'admin-name': { type: 'string' }, locale: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('\n'));
  return parsed.data;
}

/**
 * An organization and its first administrator, who gets a set-password link (72 hours, single
 * use); answers the lines to print. A name already in use (any letter case) is a CommandError.
 */
export async function orgCreate(input: OrgCreateInput, deps: OrgCreateDeps): Promise<string[]> {
  const now = deps.clock.now();
  try {
    const link = await deps.db.transaction().execute(async (trx) => {
      const adminName = input['admin-name'] ?? input['admin-email'].split('@')[0]!;
      const created = await createOrganizationWithAdmin(
        trx,
        { name: input.name, timeZone: input['time-zone'], locale: input.locale, admin: { name: adminName, email: input['admin-email'], passwordHash: null } },
        now,
      );
      return createPasswordLink(trx, { purpose: 'invite', organizationId: created.organizationId, userId: created.adminId }, now);
    });
    return [
      `Created ${input.name}. Its administrator ${input['admin-email']} chooses a password here (works once, for 72 hours):`,
      `  ${passwordLinkUrl('invite', link.token, deps.publicUrl)}`,
    ];
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'conflict') throw new CommandError(error.message);
    throw error;
  }
}

export const orgCreateCommand: Command = {
  usage: 'org create --name "Harbor Clinic" --time-zone Europe/Paris --admin-email admin@harbor.test [--admin-name "Ada Admin"] [--locale en-US]',
  summary: 'create an organization and its first administrator, and print their set-password link',
  async run(args, { config, clock, io }) {
    const input = parseOrgCreateArgs(args);
    const lines = await withCurrentDatabase(config, ({ db }) => orgCreate(input, { db, clock, publicUrl: config.publicUrl }));
    for (const line of lines) io.out(line);
  },
};
