import Fastify from 'fastify';
import { httpLoad } from './lib/http-load';
import type { BenchApp, BenchDatabase } from './lib/bench-app';
import type { Figure } from './lib/report';
import { sized } from './lib/profile';

const SECONDS = sized(3, 5);

/** Sequential point selects on the same database for `seconds`: the database's own ceiling. */
async function selectsPerSecond(app: BenchApp, id: string) {
  const until = performance.now() + SECONDS * 1000;
  let count = 0;
  while (performance.now() < until) {
    await app.raw.query('SELECT id, name, email, roles, time_zone FROM users WHERE id = $1', [id]);
    count++;
  }
  return count / SECONDS;
}

/** GET /api/me with 10 connections for 5 s, against a bare Fastify route and bare PGlite selects. */
export async function benchMe(database: BenchDatabase): Promise<Figure[]> {
  const app = await database.start();
  try {
    const cookie = await app.signIn('provider@demo.carebeam.test');
    const me = await (await fetch(`${app.address}/api/me`, { headers: { cookie } })).json();

    const bare = Fastify();
    bare.get('/api/me', async () => me);
    const bareAddress = await bare.listen({ port: 0, host: '127.0.0.1' });
    const bareLoad = await httpLoad(`${bareAddress}/api/me`, { seconds: SECONDS });
    await bare.close();

    const load = await httpLoad(`${app.address}/api/me`, { seconds: SECONDS, headers: { cookie } });
    if (load.errors > 0) throw new Error(`GET /api/me had ${load.errors} failed requests`);
    const selects = await selectsPerSecond(app, me.id);

    const common = { name: 'GET /api/me, 10 connections', value: load.requestsPerSecond, unit: 'req/s', higherIsBetter: true };
    return [
      { ...common, floor: bareLoad.requestsPerSecond, floorName: 'bare Fastify route, same JSON' },
      { ...common, floor: selects, floorName: 'bare point select loop' },
    ];
  } finally {
    await app.close();
  }
}
