/**
 * The version of the simulation's rules. The same scenario gives the same trace only under the same
 * engine version; links and exports record it so an older link can say its run may now differ.
 * 1: a shared up/down process machine with handler functions (until December 2026).
 * 2: per-entity statecharts run as pure transitions, plain-data state.
 * 3: a reconciliation round reads at most 1,000 orders, oldest first (reconciler.ts PAGE_ORDERS);
 *    runs that never have more than 1,000 orders unsettled at once, every run of up to 1,000
 *    orders among them, are the same as under version 2.
 */
export const ENGINE_VERSION = 3;
