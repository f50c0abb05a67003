import { Worker } from 'node:worker_threads';

/**
 * The load generator, plain JavaScript run in a worker thread (off the server's event loop):
 * `connections` keep-alive connections, each sending the next unsent request as soon as its
 * previous answer arrived and was decompressed (as a browser would). Warm-up first, then the
 * measured requests; latency per request in ms.
 */
const LOADER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const zlib = require('node:zlib');
const { origin, path, warmup, requests, connections, okStatuses } = workerData;
const target = new URL(origin);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });

function send({ method = 'POST', headers, body }) {
  return new Promise((resolve, reject) => {
    const sent = body === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    const request = http.request(
      { agent, host: target.hostname, port: target.port, path, method, headers: sent },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          const raw = Buffer.concat(chunks);
          const encoding = response.headers['content-encoding'];
          const text = (encoding === 'br' ? zlib.brotliDecompressSync(raw) : encoding === 'gzip' ? zlib.gunzipSync(raw) : raw).toString();
          resolve({ status: response.statusCode, text });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function phase(list, failures) {
  const latencies = new Array(list.length);
  let next = 0;
  const started = performance.now();
  async function loop() {
    while (next < list.length) {
      const i = next++;
      const t0 = performance.now();
      let result;
      try {
        result = await send(list[i]);
      } catch (error) {
        result = { status: 0, text: String(error) };
      }
      latencies[i] = performance.now() - t0;
      if (!okStatuses.includes(result.status)) failures.push({ status: result.status, text: result.text.slice(0, 300) });
    }
  }
  await Promise.all(Array.from({ length: Math.min(connections, list.length) }, loop));
  return { latencies, elapsedMs: performance.now() - started };
}

(async () => {
  const failures = [];
  await phase(warmup, failures);
  const measured = await phase(requests, failures);
  agent.destroy();
  parentPort.postMessage({ ...measured, failures });
})();
`;

/** POST (the default) with a JSON body, or GET without one. */
export interface WorkerRequest {
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

export interface WorkerLoadRun {
  latencies: number[];
  elapsedMs: number;
  failures: { status: number; text: string }[];
}

/** Sends every request to `origin` + `path` over `connections` connections from a worker thread. */
export function requestsFromWorker(options: { origin: string; path: string; warmup: WorkerRequest[]; requests: WorkerRequest[]; connections: number; okStatuses: number[] }): Promise<WorkerLoadRun> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOADER, { eval: true, workerData: options, execArgv: [] });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker exited with ${code}`));
    });
  });
}

export const p95 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!;
};
