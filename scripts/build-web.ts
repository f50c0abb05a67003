import { ensureWebBuild } from './web-build';

// `npm run build:web`: the web app alone, rebuilt only when its sources changed.
const web = ensureWebBuild();
console.log(web.built ? `Built the web app (dist/${web.name}).` : `The web app is up to date (dist/${web.name}).`);
