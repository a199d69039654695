/**
 * A number field for the starting setup. It commits on Enter or blur (Arrow keys step), and a
 * value it cannot take is never dropped silently: out of range is clamped, not-a-number is
 * refused, and either way the message (naming the allowed range) is linked to the field with
 * aria-describedby and the field is marked aria-invalid until a good value is entered.
 */
import { useState } from 'react';
import { type NumberRule, rangeText, readNumber, showNumber } from './numberInput';

/** Props of a number field. `value` and the rule are in the unit the learner sees. */
export interface NumberFieldProps {
  id: string;
  help: string;
  value: number;
  rule: NumberRule;
  step?: number;
  locked: boolean;
  /** The message about this field's last entry, if any (owned by the parent, which shows it). */
  message: string | null;
  onMessage: (id: string, message: string | null) => void;
  onCommit: (v: number) => void;
}

/** See the module comment. */
export function NumberField({ id, help, value, rule, step = 1, locked, message, onMessage, onCommit }: NumberFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = (text: string | null) => {
    if (text === null) return;
    setDraft(null);
    const r = readNumber(text, rule);
    if (!r.ok) {
      onMessage(id, `${r.message} Kept ${showNumber(value, rule.unit)}.`);
      return;
    }
    onMessage(id, r.message);
    if (r.value !== value) onCommit(r.value);
  };
  const stepBy = (dir: 1 | -1) => {
    const r = readNumber(draft ?? String(value), rule);
    const base = r.ok ? r.value : value;
    const next = Math.min(rule.max, Math.max(rule.min, base + dir * step));
    setDraft(String(next));
  };
  return (
    <div className="field" title={help}>
      <label htmlFor={id}>{rule.label}</label>
      <input
        id={id}
        type="text"
        inputMode={rule.integer ? 'numeric' : 'decimal'}
        autoComplete="off"
        spellCheck={false}
        value={draft ?? String(value)}
        disabled={locked}
        aria-invalid={message !== null || undefined}
        aria-describedby={message ? `${id}-help ${id}-msg` : `${id}-help`}
        data-testid={id}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={() => commit(draft)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(draft);
          else if (e.key === 'Escape') setDraft(null);
          else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
            e.preventDefault();
            // Arrow keys here step the number, not the playhead.
            e.stopPropagation();
            stepBy(e.key === 'ArrowUp' ? 1 : -1);
          }
        }}
      />
      <p className="control-help" id={`${id}-help`}>
        {help} Allowed: {rangeText(rule)}.
      </p>
    </div>
  );
}
