/**
 * Presenter mode: large type, a narrated caption and clicker keys for a projector. On with
 * `?present` in the address or the header's toggle; the toggle keeps the address in step so a
 * reload stays in the same mode.
 */
import { create } from 'zustand';

/** Presenter mode's state. */
export interface PresenterState {
  on: boolean;
  /** The screen is blanked (B on a clicker), e.g. while the room discusses. */
  blank: boolean;
  /** The side panel (the lesson, above all) is shown beside the graph while presenting. */
  panel: boolean;
}

/** True for `?present`, `?present=1` and the like; false for `?present=0`/`false`/`no`/`off` or none. */
export function isPresentQuery(search: string): boolean {
  const params = new URLSearchParams(search);
  if (!params.has('present')) return false;
  return !['0', 'false', 'no', 'off'].includes((params.get('present') ?? '').toLowerCase());
}

function initialOn(): boolean {
  return typeof window !== 'undefined' && isPresentQuery(window.location.search);
}

/** True when the address opens a lesson or a challenge: presenting it means showing its text. */
export function opensLesson(search: string): boolean {
  const params = new URLSearchParams(search);
  return params.has('lesson') || params.has('challenge');
}

function initialPanel(): boolean {
  return typeof window !== 'undefined' && opensLesson(window.location.search);
}

/** The presenter store. */
export const usePresenter = create<PresenterState>(() => ({ on: initialOn(), blank: false, panel: initialPanel() }));

/** Switches presenter mode and writes `?present` into the address (without a reload or history entry). */
export function setPresenting(on: boolean): void {
  // Switching on while a lesson is open keeps the lesson in view.
  usePresenter.setState((p) => ({ on, blank: false, panel: on && (p.panel || initialPanel()) }));
  if (typeof window === 'undefined') return;
  const url = new URL(window.location.href);
  if (on) url.searchParams.set('present', '');
  else url.searchParams.delete('present');
  // `present=` reads better as a bare flag.
  const href = url.href.replace(/([?&])present=(?=&|#|$)/, '$1present');
  if (href !== window.location.href) window.history.replaceState(window.history.state, '', href);
}
