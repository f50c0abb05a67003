import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './connect';
import { DataDirectoryLockedError, LOCK_FILE, processKernelStart } from './data-dir-lock';

const dataDir = mkdtempSync(join(tmpdir(), 'carebeam-lock-'));
const lockPath = join(dataDir, LOCK_FILE);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Another process with the data directory open, as a running server would have it. */
async function holder(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/testing/hold-data-dir.ts', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('open') && resolve());
    child.once('exit', (code) => reject(new Error(`the holder exited (${code})`)));
  });
  return child;
}

const killed = (child: ChildProcess) => new Promise((resolve) => child.once('exit', resolve));

describe('one process per embedded data directory', () => {
  let child: ChildProcess;
  beforeAll(async () => {
    child = await holder();
  }, 60_000);

  it('refuses a second opener at once, naming the process that holds it', async () => {
    const error = await openDatabase({ kind: 'pglite', dataDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirectoryLockedError);
    expect((error as Error).message).toContain(`in use by process ${child.pid} on ${hostname()}`);
    expect((error as Error).message).toContain('stop the server first');
    expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: child.pid, hostname: hostname() });
  });

  it('takes the directory over after the holder was killed with SIGKILL, and gives it back on close', async () => {
    const gone = killed(child);
    child.kill('SIGKILL');
    await gone;
    expect(existsSync(lockPath)).toBe(true);
    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: process.pid, kernelStart: processKernelStart(process.pid) });
      // The same process opening it twice would corrupt it just the same.
      await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toBeInstanceOf(DataDirectoryLockedError);
    } finally {
      await database.close();
    }
    expect(existsSync(lockPath)).toBe(false);
  });

  it('takes over a lock whose PID now belongs to another process (started later)', async () => {
    // Our parent runs, but it is not the process that wrote this lock: it started long before.
    writeFileSync(lockPath, JSON.stringify({ pid: process.ppid, startedAt: new Date(Date.now() + 60_000).toISOString(), hostname: hostname() }));
    const database = await openDatabase({ kind: 'pglite', dataDir });
    await database.close();
  });

  it('tells its holder by when the kernel started it, not by the wall clock (stepped by NTP, a resumed VM)', async () => {
    // Our parent, as the kernel counts its start, but a start time by the wall clock a day off: held.
    const parent = processKernelStart(process.ppid)!;
    const dayOff = new Date(Date.now() - 24 * 60 * 60_000).toISOString();
    writeFileSync(lockPath, JSON.stringify({ pid: process.ppid, startedAt: dayOff, hostname: hostname(), kernelStart: parent }));
    await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toBeInstanceOf(DataDirectoryLockedError);
    // The same PID started one tick later is another process: the lock is stale.
    writeFileSync(lockPath, JSON.stringify({ pid: process.ppid, startedAt: new Date().toISOString(), hostname: hostname(), kernelStart: { ...parent, ticks: parent.ticks + 1 } }));
    await (await openDatabase({ kind: 'pglite', dataDir })).close();
  });

  it('takes over a lock of a PID that no longer runs, and one cut short while written', async () => {
    const ended = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(lockPath, JSON.stringify({ pid: ended, startedAt: new Date().toISOString(), hostname: hostname() }));
    await (await openDatabase({ kind: 'pglite', dataDir })).close();
    writeFileSync(lockPath, '{"pid": 12');
    await (await openDatabase({ kind: 'pglite', dataDir })).close();
  });

  it('counts a lock written on another machine (a shared disk) as held', async () => {
    writeFileSync(lockPath, JSON.stringify({ pid: 1, startedAt: new Date().toISOString(), hostname: `not-${hostname()}` }));
    await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toThrow(/in use by process 1 on not-/);
    rmSync(lockPath);
  });
});
