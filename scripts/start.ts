import { ensureWebBuild } from './web-build';

// `npm start`: builds the web app only when its sources changed, then runs the server from source.
ensureWebBuild();
await import('../src/server/main.ts');
