/**
 * The "Share" side tab: the link to this moment, an embed snippet with the controls its
 * readers may change, and files — scenario JSON out and in, and the trace for Perfetto.
 */
import { memo, useId, useState } from 'react';
import { embedSnippet } from '../../share/embed';
import { importScenarioFile, scenarioFileName, scenarioToJson } from '../../share/scenarioFile';
import { toChromeTrace } from '../../share/traceExport';
import { FAULTS, REMEDIES } from '../../sim/catalog';
import { controlPaths, DEFAULT_SCENARIO } from '../../sim/scenario';
import type { Scenario } from '../../sim/types';
import { engine } from '../engineController';
import { useSecrets } from '../secrets';
import { useUi } from '../store';
import { useEngineVersion } from '../useEngine';
import { downloadText } from './download';
import { allImportProblems } from './importProblems';
import { currentLink } from './linkSync';

function labelOf(path: string): string {
  const [sec, key] = path.split('.');
  return sec === 'faults' ? FAULTS[key as keyof typeof FAULTS].label : REMEDIES[key as keyof typeof REMEDIES].label;
}

/** The controls a scenario touches (set away from the default, or changed during the run). */
function touched(s: Scenario): string[] {
  return controlPaths().filter((p) => {
    const [sec, key] = p.split('.') as ['faults' | 'remedies', string];
    const now = (s[sec] as unknown as Record<string, unknown>)[key];
    const def = (DEFAULT_SCENARIO[sec] as unknown as Record<string, unknown>)[key];
    return now !== def || s.changes.some((c) => c.path === p);
  });
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

const LinkSection = memo(function LinkSection() {
  useEngineVersion();
  useUi((u) => `${u.selectedOrder}|${u.selectedMessage}`);
  const [copied, setCopied] = useState(false);
  const secret = useSecrets((s) => s.shareQuery);
  const link = currentLink();
  return (
    <section className="share-section" aria-labelledby="share-link-title">
      <h3 id="share-link-title" className="panel-title">
        {secret ? 'Link to this challenge' : 'Link to this moment'}
      </h3>
      <p className="muted small" data-testid="share-link-note">
        {secret
          ? 'While the faults are hidden, the link opens the same challenge from the start, so it gives nothing away.'
          : 'Scenario, control changes, playhead and selection. Opening it replays the identical run.'}
      </p>
      <div className="share-row">
        <input className="share-text mono" readOnly value={link} aria-label="Link to this moment" data-testid="share-link" onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            void copyText(link).then((ok) => {
              setCopied(ok);
              setTimeout(() => setCopied(false), 2000);
            })
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="muted small" data-testid="share-link-length">
        {link.length.toLocaleString('en')} characters
      </p>
    </section>
  );
});

/** Shown instead of the embed and the exports while faults are hidden: both would carry them. */
function SecretNote({ children }: { children: string }) {
  return (
    <p className="muted small" data-testid="share-secret-note">
      {children}
    </p>
  );
}

const EmbedSection = memo(function EmbedSection() {
  const secret = useSecrets((s) => s.shareQuery);
  if (secret) {
    return (
      <section className="share-section" aria-label="Embed">
        <h3 className="panel-title">Embed</h3>
        <SecretNote>Embeds are available once you have checked your answer: an embed would show the hidden faults.</SecretNote>
      </section>
    );
  }
  return <EmbedChooser />;
});

const EmbedChooser = memo(function EmbedChooser() {
  useEngineVersion();
  const id = useId();
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [copied, setCopied] = useState(false);
  const allow = chosen ?? touched(engine.scenario);
  const snippet = embedSnippet(currentLink({ allow, selectedOrder: null, selectedMessage: null }), { title: engine.scenario.name ?? undefined });
  const toggle = (p: string, on: boolean) => setChosen(on ? [...allow, p] : allow.filter((x) => x !== p));
  return (
    <section className="share-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="panel-title">
        Embed
      </h3>
      <p className="muted small">For a blog post or slides: the topology, the time controls and only the controls you pick.</p>
      <details className="share-allow">
        <summary>
          Readers may change: {allow.length === 0 ? 'nothing' : allow.map(labelOf).join(', ')}
        </summary>
        <ul>
          {controlPaths().map((p) => (
            <li key={p}>
              <label>
                <input type="checkbox" checked={allow.includes(p)} data-testid={`embed-allow-${p}`} onChange={(e) => toggle(p, e.currentTarget.checked)} /> {labelOf(p)}
              </label>
            </li>
          ))}
        </ul>
      </details>
      <textarea className="share-text mono" readOnly rows={4} value={snippet} aria-label="Embed code" data-testid="embed-snippet" onFocus={(e) => e.currentTarget.select()} />
      <button
        type="button"
        className="btn btn-small"
        onClick={() =>
          void copyText(snippet).then((ok) => {
            setCopied(ok);
            setTimeout(() => setCopied(false), 2000);
          })
        }
      >
        {copied ? 'Copied' : 'Copy embed code'}
      </button>
    </section>
  );
});

const FilesSection = memo(function FilesSection() {
  const id = useId();
  const secret = useSecrets((s) => s.shareQuery);
  const [message, setMessage] = useState<{ ok: boolean; text: string; list?: string[] } | null>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const text = file.size > 1_000_000 ? '' : await file.text();
    const result = importScenarioFile(text, file.size);
    if (!result.ok) {
      // The validator stops at the first mistake; list them all, so one round trip fixes the file.
      const all = file.size > 1_000_000 ? [] : allImportProblems(text);
      if (all.length > 1) {
        setMessage({ ok: false, text: `This file has ${all.length} problems, so nothing was loaded:`, list: all.map((p) => `${p.field}: ${p.problem}`) });
      } else setMessage({ ok: false, text: result.message });
      return;
    }
    engine.load(result.scenario);
    const loaded = `Loaded “${result.scenario.name ?? file.name}” (seed ${result.scenario.seed}).`;
    setMessage({ ok: true, text: result.notice ? `${loaded} ${result.notice}` : loaded });
  };
  return (
    <section className="share-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="panel-title">
        Files
      </h3>
      <div className="share-buttons">
        <button
          type="button"
          className="btn btn-small"
          data-testid="export-scenario"
          disabled={secret !== null}
          onClick={() => downloadText(scenarioFileName(engine.scenario), scenarioToJson(engine.scenario))}
        >
          Export scenario (JSON)
        </button>
        <label className="btn btn-small share-file">
          Import scenario…
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            data-testid="import-scenario"
            onChange={(e) => {
              void onFile(e.currentTarget.files?.[0]);
              e.currentTarget.value = '';
            }}
          />
        </label>
        <button
          type="button"
          className="btn btn-small"
          data-testid="export-trace"
          disabled={secret !== null}
          title="Chrome trace-event JSON: open it in ui.perfetto.dev or chrome://tracing"
          onClick={() => {
            const s = engine.scenario;
            const trace = toChromeTrace(engine.trace, { name: s.name, seed: s.seed, traceHash: engine.traceHash(), link: currentLink() });
            downloadText(scenarioFileName(s, '.trace.json'), JSON.stringify(trace));
          }}
        >
          Export trace (Perfetto)
        </button>
      </div>
      {secret && <SecretNote>Exports are available once you have checked your answer: the files would show the hidden faults.</SecretNote>}
      {message && (
        <div className={message.ok ? 'share-ok' : 'share-error'} role={message.ok ? 'status' : 'alert'} data-testid="import-message">
          <p>{message.text}</p>
          {message.list && (
            <ul data-testid="import-problems">
              {message.list.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p className="muted small">
        The trace covers the run up to the playhead: one track per service, one slice per message handled. Scenario files also run with{' '}
        <code>npm run sim -- file.json</code>.
      </p>
    </section>
  );
});

/** See the module comment. */
export const SharePanel = memo(function SharePanel() {
  return (
    <div className="share-panel" data-testid="share-panel">
      <LinkSection />
      <EmbedSection />
      <FilesSection />
    </div>
  );
});
