import { useId, useState } from 'react';
import { useDesk } from '../../store';
import { ErrorText } from '../../ui/ErrorText';

/**
 * "Export diagnostics" for IT: main writes one folder (versions, AURA environment and client id,
 * readiness history, recent log files, the audit log's check; never the secret) where the shell
 * says (a folder picker in the app, the data folder in the browser harness); this shows where.
 */
export function DiagnosticsExport() {
  const call = useDesk((s) => s.call);
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const exportNow = async (): Promise<void> => {
    setBusy(true);
    setOutcome(null);
    setError(null);
    const result = await call('diagnostics.export', {});
    setBusy(false);
    if (!result.ok) return setError(`Export failed: ${result.error.message}`);
    const { location } = result.value;
    setOutcome(location ? `Diagnostics saved in ${location}` : 'Export cancelled: nothing was saved.');
  };

  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>Diagnostics for IT</h2>
      <p className="field-hint">
        One folder to attach to a support ticket: versions, the AURA environment and client ID (never the secret),
        readiness over time, recent log files and the audit log&apos;s check.
      </p>
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => void exportNow()}>
          Export diagnostics
        </button>
        {outcome && (
          <p className="ok-text" role="status">
            {outcome}
          </p>
        )}
      </div>
      <ErrorText message={error} />
    </section>
  );
}
