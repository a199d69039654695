/**
 * "Runs to try": a number field that commits on Enter or leaving it, and never drops an entry
 * silently — out of range is clamped, not a number is refused, and the message names the range
 * (the playground's own rules for number fields, numberInput.ts).
 */
import { useState } from 'react';
import { type NumberRule, rangeText, readNumber, showNumber } from '../controls/numberInput';
import { setBudget, useSearch } from './searchStore';

const RULE: NumberRule = { label: 'Runs to try', min: 1, max: 1_000_000, integer: true };

/** See the module comment. */
export function BudgetField({ disabled }: { disabled: boolean }) {
  const budget = useSearch((s) => s.budget);
  const [draft, setDraft] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    setDraft(null);
    const r = readNumber(draft, RULE);
    if (!r.ok) return setMessage(`${r.message} Kept ${showNumber(budget)}.`);
    setMessage(r.message);
    setBudget(r.value);
  };
  return (
    <div className="search-budget">
      <label htmlFor="search-budget">Runs to try</label>
      <input
        id="search-budget"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        value={draft ?? String(budget)}
        disabled={disabled}
        aria-invalid={message !== null || undefined}
        aria-describedby={message ? 'search-budget-msg' : undefined}
        title={`Allowed: ${rangeText(RULE)}`}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          else if (e.key === 'Escape' && draft !== null) {
            // Escape here forgets the edit; it must not also clear the playground's selection.
            e.stopPropagation();
            setDraft(null);
          }
        }}
        data-testid="search-budget"
      />
      {message && (
        <p className="search-field-msg" id="search-budget-msg" role="status" data-testid="search-budget-msg">
          {message}
        </p>
      )}
    </div>
  );
}
