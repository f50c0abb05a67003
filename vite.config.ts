import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { firstLoadChunks } from './scripts/first-load-chunks.ts';
import { precompress } from './scripts/precompress.ts';

// The participant's page (a phone, opened from a link): its first download in two files.
const portal = firstLoadChunks('src/web/pages/portal/PortalApp.tsx', 'src/web/pages/portal/');

// The SPA lives in src/web; `npm start` builds it into dist/web and the Fastify server serves it.
export default defineConfig({
  root: 'src/web',
  plugins: [react(), precompress(), portal.plugin],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Kept beside the build for an operator's error tracker, never referenced or served (http/web.ts).
    sourcemap: 'hidden',
    // Libraries change less often than our code: separate chunks stay cached across releases.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            // The staff app's alone: the participant's page has no router.
            { name: 'router', test: /node_modules[\\/]react-router[\\/]/, priority: 2 },
            ...portal.groups,
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', ws: true } },
  },
});
