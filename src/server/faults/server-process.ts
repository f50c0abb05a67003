import { type ChildProcess, spawn } from 'node:child_process';

export interface ServerProcess {
  child: ChildProcess;
  origin: string;
  /** Every line the process wrote, stdout and stderr. */
  output: string[];
  /** Resolves with the exit code (or signal) once the process ended. */
  exited: Promise<number | string>;
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
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output.push(...chunk.toString().split('\n').filter(Boolean));
      if (chunk.toString().includes('Carebeam is running')) resolve();
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then((code) => reject(new Error(`the server exited (${code}) before it was running:\n${output.join('\n')}`)));
  });
  return { child, origin: `http://127.0.0.1:${port}`, output, exited };
}

/** Signs in over HTTP and returns the cookie header. */
export async function signInOver(origin: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
}
