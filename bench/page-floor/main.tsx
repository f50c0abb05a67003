import { createRoot } from 'react-dom/client';

// The floor of the page-weight benchmark: React and a heading, built and served as the app is.
createRoot(document.getElementById('root')!).render(<h1>Your visit with the clinic</h1>);
