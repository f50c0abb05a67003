import { buildServer } from './build-server';
import './build-web';

// `npm run build`: the server and the command-line tool as plain JavaScript (dist/server/main.js,
// dist/server/cli.js) that `node` runs with no TypeScript tooling, and the web app once.
await buildServer();
console.log('Built the server (dist/server/main.js, dist/server/cli.js).');
