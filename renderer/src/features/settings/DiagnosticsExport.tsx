import { useId } from 'react';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../ui/useCommand';

/**
 * "Export diagnostics" for IT: main writes one zip file (versions, AURA environment and client id,
 * readiness history, the policy in force, the hotkey, unsent presses, the network path, recent log
 * files, the audit log's check; never the secret) where the shell says (a save dialog in the app,
 * the data folder in the browser harness); this shows where.
 */
export function DiagnosticsExport() {
  const titleId = useId();
  const exporting = useCommand('diagnostics.export', { failure: (message) => `Export failed: ${message}` });
  const saved = exporting.result;
  const outcome =
    saved && (saved.location ? `Diagnostics saved in ${saved.location}` : 'Export cancelled: nothing was saved.');

  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>Diagnostics for IT</h2>
      <p className="field-hint">
        One zip file to attach to a support ticket: versions, the AURA environment and client ID (never the secret),
        readiness over time, the policy in force, the hotkey, unsent presses, the network path, recent log files and the
        audit log&apos;s check.
      </p>
      <div className="actions">
        <button type="button" className="button" disabled={exporting.busy} onClick={() => void exporting.run({})}>
          Export diagnostics
        </button>
        {outcome && (
          <p className="ok-text" role="status">
            {outcome}
          </p>
        )}
      </div>
      <ErrorText message={exporting.error} />
    </section>
  );
}
