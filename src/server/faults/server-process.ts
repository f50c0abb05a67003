import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';

export interface ServerProcess {
  child: ChildProcess;
  origin: string;
  /** Every line the process wrote, stdout and stderr, whole lines in the order they arrived. */
  output: string[];
  /** When (performance.now()) the first line containing `text` arrived; undefined if none did. */
  seenAt(text: string): number | undefined;
  /** Resolves with the exit code (or signal) once the process ended and all its output was read. */
  exited: Promise<number | string>;
}

/**
 * A port nobody listens on right now, for a server process of its own: a fixed port would collide
 * when several test runs share the machine.
 */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * The real server as a process of its own (`node --import tsx src/server/main.ts`, so its PID is
 * the server's, not a wrapper's), on loopback, started with `env` on top of a quiet default.
 * Resolves once it says it is running.
 */
export async function startServer(port: number, env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const arrivals: number[] = [];
  const exited = new Promise<number | string>((resolve) => child.once('close', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  await new Promise<void>((resolve, reject) => {
    // Line by line: a log line split across two chunks would not parse.
    const read = (line: string) => {
      if (!line) return;
      output.push(line);
      arrivals.push(performance.now());
      if (line.includes('Carebeam is running')) resolve();
    };
    createInterface({ input: child.stdout! }).on('line', read);
    createInterface({ input: child.stderr! }).on('line', read);
    void exited.then((code) => reject(new Error(`the server exited (${code}) before it was running:\n${output.join('\n')}`)));
  });
  const seenAt = (text: string) => {
    const index = output.findIndex((line) => line.includes(text));
    return index < 0 ? undefined : arrivals[index];
  };
  return { child, origin: `http://127.0.0.1:${port}`, output, seenAt, exited };
}

/** Signs in over HTTP and returns the cookie header. */
export async function signInOver(origin: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
}
