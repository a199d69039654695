/**
 * Search for failing runs, shrinking, and exhaustive exploration — browser-safe (no Node
 * imports), so Web Workers and worker threads run the same code on slices of the work.
 * See README-search-api.md in this folder.
 */
export { ChoiceSource, type ChoiceSequence, type Decision, DECISION_FAULTS, STREAMS, trimChoices } from '../sim/choices';
export { describeBound, type ExploreOptions, type ExploreResult, explore, exploredScenario, faultsToExplore, mergeExplorations, type ScheduleCounterexample } from './exhaustive';
export { breaks, type FailureRule, type Judged, judge } from './judge';
export { type Counterexample, type RandomSearchOptions, type RandomSearchResult, randomSearch, type SearchProgress } from './random';
export { compactScenario } from './scenarioFile';
export { seedFor } from './seeds';
export { type FaultDecision, type ShrinkOptions, type ShrinkResult, shrink } from './shrink';
export { randomJobs, runJob, type SearchJob, type SearchJobResult } from './jobs';
