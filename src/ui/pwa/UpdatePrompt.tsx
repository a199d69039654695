/** "A new version is ready — Reload": shown when a deployed update waits in the service worker. */
import { applyUpdate, postponeUpdate, usePwa } from './serviceWorker';
import './pwa.css';

/** See the module comment. Floats in a corner, so appearing moves nothing under the pointer. */
export function UpdatePrompt() {
  const ready = usePwa((s) => s.updateReady);
  if (!ready) return null;
  return (
    <div className="update-prompt" role="status" data-testid="update-prompt">
      <span>A new version is ready.</span>
      <button type="button" className="btn btn-small primary" onClick={applyUpdate} data-testid="update-reload">
        Reload
      </button>
      <button type="button" className="btn btn-small" onClick={postponeUpdate} data-testid="update-later">
        Later
      </button>
    </div>
  );
}
