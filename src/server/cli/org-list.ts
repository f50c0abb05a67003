import { createOrganizationOperator } from '../modules/organization';
import { type Command, noArguments } from './command';
import { withCurrentDatabase } from './database';
import { table } from './table';

export const orgListCommand: Command = {
  usage: 'org list',
  summary: 'list the organizations: id, name, time zone, active, staff count',
  async run(args, { config, clock, io }) {
    noArguments(args);
    const organizations = await withCurrentDatabase(config, ({ db }) => createOrganizationOperator({ db, clock }).list());
    if (organizations.length === 0) return io.out('No organizations yet.');
    const rows = organizations.map((o) => [o.id, o.name, o.timeZone, o.active ? 'yes' : `no (since ${o.deactivatedAt!.toISOString()})`, String(o.staffCount)]);
    for (const line of table(['ID', 'NAME', 'TIME ZONE', 'ACTIVE', 'STAFF'], rows)) io.out(line);
  },
};
