import Fastify from 'fastify';
import { signInActorQuery } from '../src/server/modules/auth/repo';
import { hashToken } from '../src/server/modules/auth/tokens';
import { httpLoad } from './lib/http-load';
import type { BenchApp, BenchDatabase } from './lib/bench-app';
import type { Figure } from './lib/report';
import { sized } from './lib/profile';

const SECONDS = sized(3, 5, 1);

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

/** A Fastify app with no plugins and one route, GET /api/me, answering `me` after `work`. */
async function bareRoute(me: unknown, work: () => Promise<unknown>) {
  const bare = Fastify();
  bare.get('/api/me', async () => {
    await work();
    return me;
  });
  return { url: `${await bare.listen({ port: 0, host: '127.0.0.1' })}/api/me`, close: () => bare.close() };
}

/**
 * GET /api/me with 10 connections, against bare Fastify routes answering the same JSON: one at
 * once, and one after the app's own session lookup (the same SQL and parameter, through `app.raw`
 * on the same database), which is what any authenticated request costs at least. The three run
 * side by side, are warmed up, then measured in turns (twice each; the figure is the mean): in one
 * process whichever runs later is faster (JIT, WASM tiering), so single runs mislead.
 */
export async function benchMe(database: BenchDatabase): Promise<Figure[]> {
  const app = await database.start();
  const closers: (() => Promise<unknown>)[] = [];
  try {
    const cookie = await app.signIn('provider@demo.carebeam.test');
    const me = await (await fetch(`${app.address}/api/me`, { headers: { cookie } })).json();

    const lookup = signInActorQuery(hashToken(cookie.split('=')[1]!));
    const lookupParameters = [...lookup.parameters];
    const bareLookup = await bareRoute(me, () => app.raw.query(lookup.sql, lookupParameters));
    const bare = await bareRoute(me, async () => undefined);
    closers.push(bareLookup.close, bare.close);

    const target = (url: string, headers: Record<string, string> = {}) => ({ url, headers, rates: [] as number[], cpu: 0, requests: 0 });
    const [bareSide, lookupSide, appSide] = [target(bare.url), target(bareLookup.url), target(`${app.address}/api/me`, { cookie })];
    const sides = [bareSide, lookupSide, appSide];
    for (const side of sides) await httpLoad(side.url, { seconds: 1, headers: side.headers });
    for (let round = 0; round < 2; round++) {
      for (const side of sides) {
        const cpu = process.cpuUsage();
        const load = await httpLoad(side.url, { seconds: SECONDS, headers: side.headers });
        if (load.errors > 0) throw new Error(`GET /api/me had ${load.errors} failed requests`);
        const used = process.cpuUsage(cpu);
        side.cpu += used.user + used.system;
        side.requests += load.requestsPerSecond * SECONDS;
        side.rates.push(load.requestsPerSecond);
      }
    }
    const selects = await selectsPerSecond(app, me.id);
    const mean = (rates: number[]) => rates.reduce((sum, rate) => sum + rate, 0) / rates.length;
    // On a busy shared machine req/s swings with the neighbours; this process's CPU time per
    // request (load generator included, the same for each side) swings much less.
    const report = (name: string, side: typeof appSide) => `${name} ${side.rates.map(Math.round).join(', ')} req/s, ${Math.round(side.cpu / side.requests)} µs CPU/request`;
    process.stdout.write(`  per turn: ${report('app', appSide)}; ${report('bare + lookup', lookupSide)}; ${report('bare', bareSide)}\n`);

    const common = { name: 'GET /api/me, 10 connections', value: mean(appSide.rates), unit: 'req/s', higherIsBetter: true };
    return [
      { ...common, floor: mean(lookupSide.rates), floorName: 'bare Fastify route, session lookup, same JSON', target: '≥ 0.7×' },
      { ...common, floor: mean(bareSide.rates), floorName: 'bare Fastify route, same JSON' },
      { ...common, floor: selects, floorName: 'bare point select loop' },
    ];
  } finally {
    for (const close of closers) await close();
    await app.close();
  }
}
