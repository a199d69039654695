/**
 * The frame around one control: label, value, lock badge, a "?" button and the help line.
 *
 * The help never changes the layout on its own: a row that grew on focus or hover used to
 * collapse again when the pointer went down on the next switch, so the switch moved away before
 * the button came up and the click was lost. Now the help is a popover for keyboard focus (it
 * overlays, and lets the pointer through), a native tooltip on hover, and an inline line only
 * when the learner asks for it with the "?" button.
 */
import { type ReactNode, useState } from 'react';

/** Props of a control row. */
export interface ControlRowProps {
  id: string;
  label: string;
  help: string;
  value?: string;
  locked: boolean;
  active: boolean;
  children: ReactNode;
  /** Checkbox rows put the input before the label. */
  inline?: boolean;
}

/** See the module comment. */
export function ControlRow({ id, label, help, value, locked, active, children, inline }: ControlRowProps) {
  const [helpOpen, setHelpOpen] = useState(false);
  return (
    <div className="control" data-active={active || undefined} data-locked={locked || undefined} data-help-open={helpOpen || undefined} title={help}>
      <div className={inline ? 'control-line control-inline' : 'control-line'}>
        {inline && children}
        <label htmlFor={id} className="control-label">
          {label}
        </label>
        {locked && (
          <span className="lock-badge" title="Locked by the lesson">
            locked
          </span>
        )}
        {value !== undefined && (
          <output htmlFor={id} className="control-value">
            {value}
          </output>
        )}
        {/* Out of the Tab order: keyboard users already get the help on focus (aria-describedby). Named just
            "Help" so the control's own label stays the only element named after it. */}
        <button
          type="button"
          className="help-toggle"
          tabIndex={-1}
          aria-expanded={helpOpen}
          aria-controls={`${id}-help`}
          aria-label="Help"
          title={`What is ${label}?`}
          data-testid={`help-${id}`}
          onClick={() => setHelpOpen((o) => !o)}
        >
          ?
        </button>
      </div>
      {!inline && children}
      <p className="control-help" id={`${id}-help`}>
        {help}
      </p>
    </div>
  );
}
