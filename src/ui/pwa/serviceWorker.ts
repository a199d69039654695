/**
 * The service worker that makes the playground work offline (built by vite-plugin-pwa; see
 * vite.config.ts), and whether a newer version is waiting. A new version never takes over by
 * itself: in a workshop, a page that reloads mid-explanation loses the room; the learner
 * chooses when, with the update prompt.
 */
import { create } from 'zustand';

/** What the update prompt shows. */
export interface PwaState {
  /** A new version is installed and waits for the learner's "Reload". */
  updateReady: boolean;
}

/** The service worker's state, for the update prompt. */
export const usePwa = create<PwaState>(() => ({ updateReady: false }));

/** How often an open page asks whether a new version was deployed: hourly, for long workshop sessions. */
const CHECK_EVERY_MS = 60 * 60 * 1000;

let update: ((reload?: boolean) => Promise<void>) | null = null;

/** Registers the service worker in built apps; a no-op under the dev server and without support. */
export async function startServiceWorker(): Promise<void> {
  // import.meta.hot, not env.PROD: a build made with NODE_ENV=test (the browser tests') is still a build with a worker.
  if (import.meta.hot || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  // Loaded after the first paint: registration is not needed to draw the playground.
  const { registerSW } = await import('virtual:pwa-register');
  update = registerSW({
    immediate: true,
    onNeedRefresh: () => usePwa.setState({ updateReady: true }),
    onRegisteredSW: (_url, registration) => {
      if (registration) setInterval(() => void registration.update().catch(() => undefined), CHECK_EVERY_MS);
    },
    onRegisterError: (e) => console.info('Offline use is unavailable: the service worker did not register.', e),
  });
}

/** Switches to the waiting version and reloads (the address keeps the run, so it comes back). */
export function applyUpdate(): void {
  // Workbox reloads by itself only if a worker already ran the page when it loaded; on a first visit
  // that met a deployment, we reload when the new worker takes over.
  navigator.serviceWorker?.addEventListener('controllerchange', () => window.location.reload(), { once: true });
  void update?.(true);
}

/** Hides the prompt until the next deployment. */
export function postponeUpdate(): void {
  usePwa.setState({ updateReady: false });
}
