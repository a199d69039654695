/** The Search side tab: "Find a failing run" and "Prove it", both run in a pool of Web Workers. */
import { FindFailingRun } from './FindFailingRun';
import { ProveIt } from './ProveIt';
import './search.css';

/** See the module comment. */
export function SearchPanel() {
  return (
    <div className="search-panel" data-testid="search-panel">
      <FindFailingRun />
      <ProveIt />
    </div>
  );
}
