/**
 * UI state only: what is selected, how fast we play, which panels are open, where the
 * playhead is. The simulation itself lives in `engineController.ts`, outside React.
 */
import { create } from 'zustand';
import type { LinkEntityKind } from '../share/linkFormat';

/** Playback speeds offered; 1× is `VIRTUAL_MS_PER_SECOND` of system time per wall second. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16] as const;

/** How many virtual ms pass per wall-clock second at 1×: slow enough to watch a 20 ms hop. */
export const VIRTUAL_MS_PER_SECOND = 50;

/** What the inspector shows. */
export type InspectTarget = { kind: 'service'; id: string } | { kind: 'message'; id: string } | { kind: 'order'; id: string } | null;

/** A chart opened under an order in the inspector (its request, a payment, …); links carry it. */
export interface OpenEntity {
  order: string;
  kind: LinkEntityKind;
  key: string;
}

/** Tabs of the bottom dock. */
export type DockTab = 'orders' | 'trace' | 'money';

/** Colour theme choice; 'system' follows prefers-color-scheme. */
export type ThemeChoice = 'system' | 'light' | 'dark';

/** The UI store's shape. */
export interface UiState {
  playing: boolean;
  speed: number;
  /** Mirrors the engine's `now`, updated as it advances. */
  playhead: number;
  /** End of the run if known (from a background run), else an estimate. */
  horizon: number;
  horizonKnown: boolean;
  /** A long operation is running in slices (seek, run to end), with its label. */
  busy: string | null;
  /** The order whose messages are highlighted and whose trace is shown. */
  selectedOrder: string | null;
  /** A message highlighted on the bus and in the trace. */
  selectedMessage: string | null;
  inspect: InspectTarget;
  /** The chart open under `order`; it shows only while that order is inspected. */
  openEntity: OpenEntity | null;
  /** The reconciliation round's chart is open under the Order service (it shows while that is inspected). */
  roundOpen: boolean;
  dockTab: DockTab;
  sideTab: string;
  theme: ThemeChoice;
  helpOpen: boolean;
  aboutOpen: boolean;
  /** Control paths a lesson has locked. */
  locked: string[];
  /** A short, dismissable message, e.g. why a run restarted. */
  notice: string | null;
  reducedMotion: boolean;
}

function initialReducedMotion(): boolean {
  return typeof window !== 'undefined' && !!window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
}

function initialTheme(): ThemeChoice {
  try {
    const t = localStorage.getItem('eventually.theme');
    if (t === 'light' || t === 'dark') return t;
  } catch {
    // Storage may be blocked; the system theme is a fine default.
  }
  return 'system';
}

/** The one UI store. */
export const useUi = create<UiState>(() => ({
  playing: false,
  speed: 1,
  playhead: 0,
  horizon: 5000,
  horizonKnown: false,
  busy: null,
  selectedOrder: null,
  selectedMessage: null,
  inspect: null,
  openEntity: null,
  roundOpen: false,
  dockTab: 'orders',
  sideTab: 'run',
  theme: initialTheme(),
  helpOpen: false,
  aboutOpen: false,
  locked: [],
  notice: null,
  reducedMotion: initialReducedMotion(),
}));

/** Selects an order: highlights its messages, shows its trace and inspects it. */
export function selectOrder(id: string | null, messageId: string | null = null): void {
  useUi.setState({
    selectedOrder: id,
    selectedMessage: messageId,
    inspect: messageId ? { kind: 'message', id: messageId } : id ? { kind: 'order', id } : null,
    dockTab: id ? 'trace' : useUi.getState().dockTab,
  });
}

/** Selects one message (and keeps or sets its order). */
export function selectMessage(id: string, orderId: string | null): void {
  useUi.setState((s) => ({
    selectedMessage: id,
    selectedOrder: orderId ?? s.selectedOrder,
    inspect: { kind: 'message', id },
  }));
}

/** Steps the speed up or down the SPEEDS ladder. */
export function nudgeSpeed(dir: 1 | -1): void {
  const { speed } = useUi.getState();
  const i = SPEEDS.indexOf(speed as (typeof SPEEDS)[number]);
  const next = SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, (i < 0 ? 2 : i) + dir))];
  useUi.setState({ speed: next });
}

/** Sets and remembers the theme. */
export function setTheme(theme: ThemeChoice): void {
  try {
    if (theme === 'system') localStorage.removeItem('eventually.theme');
    else localStorage.setItem('eventually.theme', theme);
  } catch {
    // Not remembering is acceptable.
  }
  useUi.setState({ theme });
}
