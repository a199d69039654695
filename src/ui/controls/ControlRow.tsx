/** The frame around one control: label, value, lock badge and the help line shown on hover or focus. */
import type { ReactNode } from 'react';

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
  return (
    <div className="control" data-active={active || undefined} data-locked={locked || undefined} title={help}>
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
      </div>
      {!inline && children}
      <p className="control-help" id={`${id}-help`}>
        {help}
      </p>
    </div>
  );
}
