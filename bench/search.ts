/**
 * Search benchmark: `npm run bench:search [-- --quick]`. Prints, measured in this one run:
 * runs per second of a 5-order scenario in one thread and on worker threads (and where a run's
 * time goes: engine, checker), the time to find and shrink a failing run for each truth-table
 * row with its remedy off, and an exhaustive exploration of 2 orders with up to 2 faults.
 * Numbers and ratios, never assertions.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { workerThreads } from '../src/cli/searchPool';
import { describeBound, explore, mergeExplorations, randomJobs, randomSearch, shrink } from '../src/search';
import type { ExploreResult, SearchJob } from '../src/search';
import { checkInvariants } from '../src/sim/checker';
import { ChoiceSource } from '../src/sim/choices';
import { Simulation } from '../src/sim/engine';
import { parseScenario } from '../src/sim/scenario';
import { ALL_REMEDIES, TRUTH_TABLE } from '../src/sim/truthTable';

const quick = process.argv.includes('--quick');
const cores = availableParallelism();
/** CPU milliseconds this process (all its threads) used: the machine is shared, so wall-clock rates alone mislead. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

// A 5-order run with every remedy on and a mix of faults: the runs do not fail, so a search
// runs all of them (a failing run would stop it early and flatter the rate).
const five = parseScenario({
  name: 'bench: 5 orders, faults, every remedy',
  workload: { orders: 5, intervalMs: 50 },
  faults: { drop: 0.05, duplicate: 0.1, reorder: 0.1, crashAfterCommit: 0.02, crashBeforeAck: 0.02, paymentTimeout: 0.1 },
  remedies: ALL_REMEDIES,
});
const VISIBLE = { visible: ['manualReview' as const] };

async function main(): Promise<void> {
  console.log(`search benchmark — ${cores} cores, node ${process.version}${quick ? ' (quick)' : ''}`);

  // 1. Runs per second, one thread.
  const n1 = quick ? 60 : 300;
  randomSearch(five, { runs: 20, seed: 999 }); // warm up the JIT
  let t0 = performance.now();
  let c0 = cpuMs();
  const r1 = randomSearch(five, { runs: n1, rule: VISIBLE });
  const oneThread = r1.runs / ((performance.now() - t0) / 1000);
  const oneCpu = r1.runs / ((cpuMs() - c0) / 1000);
  console.log(
    `\n5-order runs, one thread: ${r1.runs} runs in ${fmt(performance.now() - t0)} ms = ${fmt(oneThread)} runs/s wall, ${fmt(oneCpu)} runs per CPU-second (failing: ${r1.found ? 'yes' : 'none'})`,
  );

  // Where a run's time goes: the engine alone, recording choices, the checker.
  const parts = { engine: 0, record: 0, checker: 0 };
  const m = quick ? 40 : 150;
  for (let i = 0; i < m; i++) {
    const s = { ...five, seed: 5000 + i };
    let t = performance.now();
    const sim = new Simulation(s);
    sim.runToEnd();
    parts.engine += performance.now() - t;
    t = performance.now();
    checkInvariants(sim);
    parts.checker += performance.now() - t;
    t = performance.now();
    new Simulation(s, { choices: new ChoiceSource({ kind: 'record' }) }).runToEnd();
    parts.record += performance.now() - t;
  }
  const per = (x: number) => x / m;
  console.log(
    `  per run: engine ${fmt(per(parts.engine), 2)} ms, checker ${fmt(per(parts.checker), 2)} ms ` +
      `(${fmt((100 * parts.checker) / (parts.engine + parts.checker), 0)}% of a judged run); ` +
      `engine while recording choices ${fmt(per(parts.record), 2)} ms (${fmt(parts.record / parts.engine, 2)}× the plain engine)`,
  );

  // 2. Runs per second on worker threads (one and all cores).
  const nW = quick ? 120 : 600;
  const rates: Record<number, number> = {};
  for (const w of [...new Set([1, cores])]) {
    const pool = workerThreads(w);
    await pool.ready();
    await pool.run(randomJobs(five, 999, 20 * w, VISIBLE), () => true, () => {}); // warm up each worker
    let runs = 0;
    t0 = performance.now();
    c0 = cpuMs();
    await pool.run(randomJobs(five, five.seed, nW, VISIBLE), () => true, (r) => {
      if (r.kind === 'random') runs += r.result.runs;
    });
    rates[w] = runs / ((performance.now() - t0) / 1000);
    const cpu = (cpuMs() - c0) / 1000;
    await pool.close();
    console.log(
      `5-order runs on ${w} worker thread${w === 1 ? '' : 's'}: ${runs} runs = ${fmt(rates[w])} runs/s wall, ${fmt(runs / cpu)} runs per CPU-second (${fmt(cpu / ((performance.now() - t0) / 1000), 2)} cores busy on average)`,
    );
  }
  if (cores > 1) console.log(`  ${cores} workers / 1 worker: ${fmt(rates[cores] / rates[1], 2)}×; 1 worker / this thread: ${fmt(rates[1] / oneThread, 2)}×`);
  console.log(`  aim: 1,000 runs/s on this machine → best is ${fmt(Math.max(...Object.values(rates), oneThread) / 1000, 3)}× the aim`);

  // 3. Find and shrink, each truth-table row with its remedy off (one thread).
  console.log('\nfind + shrink per truth-table row (remedy off; one thread; aim < 5 s each):');
  let worst = 0;
  for (const row of TRUTH_TABLE) {
    const s = parseScenario(row.scenario);
    t0 = performance.now();
    const r = randomSearch(s, { runs: 200, rule: VISIBLE });
    const tFind = performance.now() - t0;
    if (!r.found) {
      console.log(`  ${row.id.padEnd(24)} no failing run in ${r.runs} runs (${fmt(tFind)} ms)`);
      continue;
    }
    const t1 = performance.now();
    const sh = shrink(r.found, { rule: VISIBLE });
    const tShrink = performance.now() - t1;
    worst = Math.max(worst, tFind + tShrink);
    const faults = sh.faultDecisions.map((d) => d.fault).join('+') || '-';
    console.log(
      `  ${row.id.padEnd(24)} found at run ${String(r.found.run).padStart(3)} in ${fmt(tFind).padStart(5)} ms; shrunk in ${String(sh.runs).padStart(3)} runs, ` +
        `${fmt(tShrink).padStart(5)} ms → ${sh.scenario.workload.orders} order(s), faults ${faults}, ${sh.violation.invariant}`,
    );
  }
  console.log(`  slowest row: ${fmt(worst / 1000, 2)} s (aim 5 s → ${fmt(worst / 5000, 2)}× the aim)`);

  // 4. Exhaustive: 2 orders, up to 2 faults, every remedy on.
  const two = parseScenario({ name: 'bench: 2 orders, every remedy', workload: { orders: 2 }, remedies: ALL_REMEDIES, faults: { drop: 0.1, duplicate: 0.1 } });
  for (const faults of quick ? [['drop' as const]] : [['drop' as const, 'duplicate' as const], ['drop' as const, 'duplicate' as const, 'crashBeforeAck' as const]]) {
    const pool = workerThreads(cores);
    await pool.ready();
    const results: ExploreResult[] = [];
    t0 = performance.now();
    c0 = cpuMs();
    const jobs: SearchJob[] = Array.from({ length: cores }, (_, index) => ({ kind: 'explore', scenario: two, maxFaults: 2, faults, slice: { index, of: cores }, rule: VISIBLE }));
    await pool.run(jobs, () => true, (r) => {
      if (r.kind === 'explore') results.push(r.result);
    });
    const secs = (performance.now() - t0) / 1000;
    const cpu = (cpuMs() - c0) / 1000;
    await pool.close();
    const e = mergeExplorations(results);
    console.log(`\nexhaustive, 2 orders, ≤ 2 faults of ${faults.join(', ')}, ${cores} workers: ${e.schedules} schedules in ${fmt(secs, 1)} s = ${fmt(e.schedules / secs)} schedules/s; ${fmt(cpu, 1)} CPU-s, ${fmt(cpu / secs, 2)} cores busy on average (aim < 30 s → ${fmt(secs / 30, 2)}× the aim)`);
    console.log(`  ${describeBound(two, e)}`);
  }
  // How big the full space is with every yes/no fault: the single-fault level, counted.
  const all = explore(two, { maxFaults: 0, faults: ['drop', 'duplicate', 'reorder', 'crashAfterCommit', 'crashBeforeAck', 'paymentTimeout', 'clientRetry', 'poison'] });
  const n = all.baseDecisions;
  console.log(`  with all 8 yes/no faults the fault-free run makes ${n} fault decisions: about ${fmt(1 + n + (n * (n - 1)) / 2)} schedules for ≤ 2 faults (more, since each fault opens new decisions)`);
}

await main();
