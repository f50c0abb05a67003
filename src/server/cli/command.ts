import type { Clock } from '../clock';
import type { Config } from '../config';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface CliContext {
  config: Config;
  clock: Clock;
  io: CliIo;
}

export interface Command {
  /** Its arguments, as the usage text shows them after the command's name. */
  usage: string;
  summary: string;
  run(args: string[], context: CliContext): Promise<void>;
}

/** Bad arguments: the tool prints the message and the command's usage, and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A command that cannot go on: the tool prints the message alone and exits with 1. */
export class CommandError extends Error {
  override name = 'CommandError';
}

export function noArguments(args: string[]): void {
  if (args.length > 0) throw new UsageError(`Unexpected argument: ${args[0]}`);
}
