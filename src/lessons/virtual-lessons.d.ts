/** The catalogs the build compiles from `lessons/` (see vitePlugin.ts). */
declare module 'virtual:lessons' {
  /** Every lesson, checked and rendered, in `lessons/index.json` order. */
  export const LESSONS: import('./types').RenderedLesson[];
  /** Every challenge, checked and rendered, sorted by id. */
  export const CHALLENGES: import('./types').RenderedChallenge[];
  /** Every "break this design" challenge, checked and rendered, sorted by id. */
  export const DESIGNS: import('./types').RenderedDesignChallenge[];
}
