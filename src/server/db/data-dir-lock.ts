import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Who holds a data directory: written into its lock file. */
export interface LockHolder {
  pid: number;
  /** When the holding process started (ISO 8601), for people reading the lock. */
  startedAt: string;
  hostname: string;
  /**
   * The holder's start as the kernel records it (Linux): with the PID it names one process, and
   * unlike a wall-clock time it cannot drift from the kernel's (a clock stepped by NTP, a resumed VM,
   * faketime). Locks written before it existed are compared by `startedAt`.
   */
  kernelStart?: KernelStart;
}

/** The boot (`/proc/sys/kernel/random/boot_id`) and the clock ticks since boot at which a process started. */
export interface KernelStart {
  bootId: string;
  ticks: number;
}

export const LOCK_FILE = 'carebeam.lock';

/**
 * A second process on one embedded data directory: PGlite has no shared memory or locks between
 * processes, so each would see only its own writes and the indexes end up inconsistent.
 */
export class DataDirectoryLockedError extends Error {
  override name = 'DataDirectoryLockedError';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data directory ${dataDir} is in use by process ${holder.pid} on ${holder.hostname} (started ${holder.startedAt}). ` +
        'Only one process may open it at a time: stop the server first (or that process), then try again.',
    );
  }
}

/** How far a process's start time as the kernel counts it may be from the time it wrote. */
const START_TOLERANCE_MS = 5_000;

/** This process's own entry: `performance.timeOrigin` is when Node started it. */
function ownHolder(): LockHolder {
  const kernelStart = processKernelStart(process.pid);
  return { pid: process.pid, startedAt: new Date(performance.timeOrigin).toISOString(), hostname: hostname(), ...(kernelStart ? { kernelStart } : {}) };
}

/**
 * Takes the directory for this process, or throws DataDirectoryLockedError naming the holder.
 * The lock file is made with an exclusive create, so of two processes starting together one wins.
 * A lock left by a process that is gone (kill -9, a power cut) is taken over. Returns the release,
 * which also runs when the process exits.
 */
export function lockDataDirectory(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  const holder = ownHolder();
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, `${JSON.stringify(holder)}\n`);
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = readHolder(path);
      // A lock file cut short by a crash while it was written says no one: stale too.
      if (current && isAlive(current)) throw new DataDirectoryLockedError(dataDir, current);
      // Stale: remove it and race for it again (a second pass that finds it stale again gives up).
      if (attempt > 0) throw new Error(`Could not take the lock file ${path} over from a process that is gone`, { cause: error });
      unlinkQuietly(path);
    }
  }
  const release = () => {
    process.off('exit', release);
    // Only our own lock: a file another process made after ours was taken over stays.
    if (readHolder(path)?.pid === holder.pid) unlinkQuietly(path);
  };
  process.on('exit', release);
  return release;
}

function readHolder(path: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.startedAt !== 'string' || typeof parsed.hostname !== 'string') return null;
    const { kernelStart } = parsed;
    if (kernelStart && (typeof kernelStart.bootId !== 'string' || typeof kernelStart.ticks !== 'number')) delete parsed.kernelStart;
    return parsed as LockHolder;
  } catch {
    return null;
  }
}

/**
 * Whether the process that wrote the lock still runs. A PID on another machine (a shared disk)
 * cannot be checked: it counts as alive. Here, the PID must exist and, where /proc tells when it
 * started, it must be the process that wrote the lock, not a later one given the same PID.
 */
function isAlive(holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return true;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it exists, owned by another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const running = processKernelStart(holder.pid);
  if (running === null) return true;
  if (holder.kernelStart) return holder.kernelStart.bootId === running.bootId && holder.kernelStart.ticks === running.ticks;
  // Clock ticks are 100 a second on every Linux Node runs on (USER_HZ).
  const startedMs = bootSeconds() * 1000 + running.ticks * 10;
  return !Number.isFinite(startedMs) || Math.abs(startedMs - Date.parse(holder.startedAt)) <= START_TOLERANCE_MS;
}

/** When a process started, from /proc (Linux); null elsewhere. */
export function processKernelStart(pid: number): KernelStart | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22, counted after the command name (in parentheses, which may hold spaces).
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return Number.isInteger(ticks) && bootId ? { bootId, ticks } : null;
  } catch {
    return null;
  }
}

const bootSeconds = () => Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
