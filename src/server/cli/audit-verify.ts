import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { verifyAuditChain } from '../modules/audit';
import { createOrganizationOperator } from '../modules/organization';
import { type Command, CommandError, UsageError } from './command';
import { withCurrentDatabase } from './database';

export function parseAuditVerifyArgs(args: string[]): { organization: string | null } {
  if (args.length === 0) return { organization: null };
  if (args.length === 2 && args[0] === '--organization' && args[1]!.trim()) return { organization: args[1]! };
  throw new UsageError(args[0] === '--organization' ? 'Name the organization (its id or exact name)' : `Unexpected argument: ${args[0]}`);
}

/**
 * Verifies the audit chain of one organization or of every one. Answers the lines to print when
 * every chain is intact; throws a CommandError naming the first broken link otherwise.
 */
export async function auditVerify(options: { organization: string | null }, deps: { db: Kysely<Database>; clock: Clock }): Promise<string[]> {
  const operator = createOrganizationOperator(deps);
  const organizations = options.organization ? [await operator.find(options.organization)] : await operator.list();
  const lines: string[] = [];
  const broken: string[] = [];
  let total = 0;
  for (const organization of organizations) {
    const report = await verifyAuditChain(deps.db, organization.id);
    total += report.rows;
    const named = `${organization.name} (${organization.id})`;
    if (report.intact) lines.push(`${named}: intact, ${report.rows} row(s)`);
    else {
      const { seq, id, reason } = report.firstBroken!;
      broken.push(`${named}: BROKEN at seq ${seq} (row id ${id || 'none'}): ${reason}; ${report.rows} row(s) verified before it`);
    }
  }
  if (broken.length > 0) throw new CommandError([...broken, ...lines].join('\n'));
  return [...lines, `Audit chain intact: ${total} row(s) checked in ${organizations.length} organization(s).`];
}

export const auditVerifyCommand: Command = {
  usage: 'audit verify [--organization <id|name>]',
  summary: 'check the audit hash chain; exits 1 naming the first broken or missing link',
  async run(args, { config, clock, io }) {
    const options = parseAuditVerifyArgs(args);
    const lines = await withCurrentDatabase(config, ({ db }) => auditVerify(options, { db, clock }));
    for (const line of lines) io.out(line);
  },
};
