/** Entry point: mounts the playground. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './ui/styles/base.css';
import './ui/styles/layout.css';
import './ui/styles/controls.css';
import './ui/styles/topology.css';
import './ui/styles/panels.css';
import './ui/styles/summary.css';
import './ui/styles/presenter.css';
import './ui/styles/a11y.css';
import './ui/styles/responsive.css';
import { App } from './ui/App';
// Lessons: the "Learn" tab; the lesson player itself is loaded on demand (see lessonsTab.tsx).
import './ui/lessonsTab';
// Observability: registers the "Signals" side-panel tab (alerts, metrics, event log).
import './ui/observability/register';
// Sharing: the "Share" tab, and loading / keeping in step the link in the address (after lessons).
import './ui/share/register';
import { isEmbedQuery } from './share/embed';
import { EmbedApp } from './ui/share/EmbedApp';
import { playground } from './ui/playgroundApi';
import { startServiceWorker } from './ui/pwa/serviceWorker';

declare global {
  interface Window {
    /** The playground handle, for the browser console, end-to-end tests and the UI bench. */
    eventually?: typeof playground;
  }
}
window.eventually = playground;

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      {isEmbedQuery(window.location.search) ? <EmbedApp /> : <App />}
    </StrictMode>,
  );
}
// Offline use: precaches the app once the page has loaded (production builds only).
window.addEventListener('load', () => void startServiceWorker(), { once: true });
