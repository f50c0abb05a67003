import { loadConfig } from '../config';
import { runCli } from './run';

// `npm run carebeam -- <command>`: the operator's entry point. With src/server/main.ts, the only
// place that reads the environment.
const code = await runCli(process.argv.slice(2), () => loadConfig(process.env), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
process.exit(code);
