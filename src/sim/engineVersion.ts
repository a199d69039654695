/**
 * The version of the simulation's rules. The same scenario gives the same trace only under the same
 * engine version; links and exports record it so an older link can say its run may now differ.
 * 1: a shared up/down process machine with handler functions (until December 2026).
 * 2: per-entity statecharts run as pure transitions, plain-data state.
 */
export const ENGINE_VERSION = 2;
