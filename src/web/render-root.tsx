import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

/** Renders an app into index.html's #root (main.tsx decides which app). */
export function renderRoot(app: ReactNode) {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(<StrictMode>{app}</StrictMode>);
}
