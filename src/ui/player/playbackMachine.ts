/**
 * The player's modes as a statechart instead of flags. Two regions run side by side:
 * `transport` — idle, playing, seeking, running to the end — and `background` — measuring the
 * run's end and parking checkpoints while the learner does anything else.
 *
 * A seek or run started while playing remembers to play on when it finishes (`resume`); a
 * cancel always stops. Each job gets a fresh id, and the code doing the work stops as soon as
 * the machine's job id is no longer its own (a newer job, or a cancel, took over).
 */
import { assign, setup } from 'xstate';

/** The kinds of long operation the player runs in slices. */
export type JobKind = 'seek' | 'rewind' | 'runToEnd';

/** The job in progress, for the progress bar. */
export interface Job {
  id: number;
  kind: JobKind;
  label: string;
  /** 0..1, or null while unknown. */
  progress: number | null;
  /** Wall-clock start (performance.now()), so the bar only shows for jobs that take a while. */
  startedAt: number;
}

/** The machine's memory. */
export interface PlaybackContext {
  job: Job | null;
  /** Ids handed out so far. */
  lastJobId: number;
  /** Play on when the current job finishes. */
  resume: boolean;
}

/** Events the player sends. */
export type PlaybackEvent =
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'END_REACHED' }
  | { type: 'SEEK'; kind: 'seek' | 'rewind'; label: string; at: number }
  | { type: 'RUN_TO_END'; label: string; at: number }
  | { type: 'PROGRESS'; id: number; progress: number }
  | { type: 'JOB_DONE'; id: number }
  | { type: 'CANCEL' }
  | { type: 'MEASURE' }
  | { type: 'MEASURED' }
  | { type: 'CHECKPOINTS_DONE' };

/** See the module comment. */
export const playbackMachine = setup({
  types: { context: {} as PlaybackContext, events: {} as PlaybackEvent },
  actions: {
    startJob: assign(({ context, event }) => {
      if (event.type !== 'SEEK' && event.type !== 'RUN_TO_END') return {};
      const id = context.lastJobId + 1;
      const kind: JobKind = event.type === 'SEEK' ? event.kind : 'runToEnd';
      return { lastJobId: id, job: { id, kind, label: event.label, progress: null, startedAt: event.at } };
    }),
    resumeAfter: assign({ resume: true }),
    stopAfter: assign({ resume: false }),
    endJob: assign({ job: null }),
    progress: assign(({ context, event }) => {
      if (event.type !== 'PROGRESS' || !context.job || context.job.id !== event.id) return {};
      return { job: { ...context.job, progress: Math.max(0, Math.min(1, event.progress)) } };
    }),
  },
  guards: {
    current: ({ context, event }) => event.type === 'JOB_DONE' && context.job?.id === event.id,
    currentThenPlay: ({ context, event }) => event.type === 'JOB_DONE' && context.job?.id === event.id && context.resume,
  },
}).createMachine({
  id: 'playback',
  type: 'parallel',
  context: { job: null, lastJobId: 0, resume: false },
  states: {
    transport: {
      initial: 'idle',
      states: {
        idle: {
          on: {
            PLAY: 'playing',
            SEEK: { target: 'seeking', actions: ['stopAfter', 'startJob'] },
            RUN_TO_END: { target: 'runningToEnd', actions: ['stopAfter', 'startJob'] },
          },
        },
        playing: {
          on: {
            PAUSE: 'idle',
            END_REACHED: 'idle',
            SEEK: { target: 'seeking', actions: ['resumeAfter', 'startJob'] },
            RUN_TO_END: { target: 'runningToEnd', actions: ['stopAfter', 'startJob'] },
          },
        },
        seeking: {
          on: {
            PROGRESS: { actions: 'progress' },
            SEEK: { target: 'seeking', reenter: true, actions: 'startJob' },
            RUN_TO_END: { target: 'runningToEnd', actions: ['stopAfter', 'startJob'] },
            JOB_DONE: [
              { guard: 'currentThenPlay', target: 'playing', actions: 'endJob' },
              { guard: 'current', target: 'idle', actions: 'endJob' },
            ],
            CANCEL: { target: 'idle', actions: ['stopAfter', 'endJob'] },
            PLAY: { actions: 'resumeAfter' },
            PAUSE: { actions: 'stopAfter' },
          },
        },
        runningToEnd: {
          on: {
            PROGRESS: { actions: 'progress' },
            SEEK: { target: 'seeking', actions: ['stopAfter', 'startJob'] },
            RUN_TO_END: { target: 'runningToEnd', reenter: true, actions: 'startJob' },
            JOB_DONE: { guard: 'current', target: 'idle', actions: 'endJob' },
            CANCEL: { target: 'idle', actions: ['stopAfter', 'endJob'] },
            PAUSE: { actions: 'stopAfter' },
          },
        },
      },
    },
    background: {
      initial: 'idle',
      states: {
        idle: { on: { MEASURE: 'measuring' } },
        measuring: { on: { MEASURE: { target: 'measuring', reenter: true }, MEASURED: 'checkpointing' } },
        checkpointing: { on: { MEASURE: 'measuring', CHECKPOINTS_DONE: 'idle' } },
      },
    },
  },
});
