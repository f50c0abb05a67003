import { createOrganizationOperator } from '../modules/organization';
import { type Command, UsageError } from './command';
import { withCurrentDatabase } from './database';

export const orgDeactivateCommand: Command = {
  usage: 'org deactivate <id|name>',
  summary: "deactivate an organization: its staff's sign-ins end and its participants' links stop working",
  async run(args, { config, clock, io }) {
    if (args.length !== 1 || !args[0]!.trim()) throw new UsageError(args.length === 0 ? 'Name the organization (its id or exact name)' : 'Give one organization (quote a name with spaces)');
    const { organization, changed, endedSignIns } = await withCurrentDatabase(config, ({ db }) => createOrganizationOperator({ db, clock }).deactivate(args[0]!));
    const named = `${organization.name} (${organization.id})`;
    io.out(changed ? `Deactivated ${named}; ended ${endedSignIns} open sign-in(s).` : `${named} was already deactivated on ${organization.deactivatedAt!.toISOString()}.`);
  },
};
