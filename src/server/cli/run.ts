import { offsetClock, systemClock } from '../clock';
import { type Config, ConfigError } from '../config';
import { DomainError } from '../errors';
import { type CliIo, type Command, CommandError, UsageError } from './command';
import { backupCommand } from './backup';
import { auditVerifyCommand } from './audit-verify';
import { migrateCommand } from './migrate';
import { orgCreateCommand } from './org-create';
import { orgDeactivateCommand } from './org-deactivate';
import { orgListCommand } from './org-list';
import { restoreCommand } from './restore';

/** Every command, by the words that name it. Add a command here and in its own file. */
export const COMMANDS: Record<string, Command> = {
  migrate: migrateCommand,
  'org create': orgCreateCommand,
  'org list': orgListCommand,
  'org deactivate': orgDeactivateCommand,
  backup: backupCommand,
  restore: restoreCommand,
  'audit verify': auditVerifyCommand,
};

const PROGRAM = 'npm run carebeam --';

export function usage(): string {
  const width = Math.max(...Object.values(COMMANDS).map((c) => c.usage.length));
  return [`Usage: ${PROGRAM} <command>`, '', 'Commands:', ...Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`)].join('\n');
}

/** The command named by the first one or two words, and the arguments after them. */
function parse(argv: string[]): { command: Command; args: string[] } | null {
  for (const words of [2, 1]) {
    const command = COMMANDS[argv.slice(0, words).join(' ')];
    if (argv.length >= words && command) return { command, args: argv.slice(words) };
  }
  return null;
}

/** Runs one command; answers the exit code (0 done, 1 failed, 2 bad usage). */
export async function runCli(argv: string[], readConfig: () => Config, io: CliIo): Promise<number> {
  if (argv.length === 0 || ['help', '--help', '-h'].includes(argv[0]!)) {
    (argv.length === 0 ? io.err : io.out)(usage());
    return argv.length === 0 ? 2 : 0;
  }
  const parsed = parse(argv);
  if (!parsed) {
    io.err(`Unknown command: ${argv.join(' ')}\n\n${usage()}`);
    return 2;
  }
  const { command, args } = parsed;
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`Usage: ${PROGRAM} ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    const config = readConfig();
    const clock = config.testClockStart ? offsetClock(config.testClockStart) : systemClock;
    await command.run(args, { config, clock, io });
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\nUsage: ${PROGRAM} ${command.usage}`);
      return 2;
    }
    // Configuration and domain errors say what to fix; anything else is a fault worth its stack.
    io.err(error instanceof ConfigError || error instanceof DomainError || error instanceof CommandError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}
