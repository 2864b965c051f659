// Setup's "Run full check" (Staging and Custom only): runs the read-only part of the AURA
// conformance check (token, Fixed Locations, active callouts, one callout read back with its
// events) for the credentials in the form and shows the report. Nothing is saved or raised.
import { useId, useState } from 'react';
import type { Environment } from '@shared/model/connection';
import { useDesk } from '../../store';
import { ErrorText } from '../../ui/ErrorText';

interface Props {
  environment: Environment;
  baseUrl: string;
  clientId: string;
  /** The form's secret; empty uses the one saved in the keychain for this client ID. */
  secret: string;
}

type Outcome = { passed: boolean; summary: string; markdown: string };

export function FullCheck({ environment, baseUrl, clientId, secret }: Props) {
  const call = useDesk((s) => s.call);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reportId = useId();
  if (environment !== 'staging' && environment !== 'custom') return null;

  const run = async (): Promise<void> => {
    setError(null);
    setOutcome(null);
    if (environment === 'custom' && !baseUrl.trim()) return setError('Enter the base URL AURA gave you.');
    if (!clientId.trim()) return setError('Enter the client ID AURA gave you.');
    setBusy(true);
    const result = await call('setup.fullCheck', {
      environment,
      baseUrl: environment === 'custom' ? baseUrl.trim() : null,
      clientId: clientId.trim(),
      clientSecret: secret,
    });
    setBusy(false);
    if (!result.ok) return setError(`Full check not run. ${result.error.message}`);
    setOutcome(result.value);
  };

  return (
    <>
      <button type="button" className="button" aria-busy={busy} onClick={() => void run()}>
        {busy ? 'Checking with AURA…' : 'Run full check'}
      </button>
      {(error || outcome) && (
        <div style={{ flexBasis: '100%' }}>
          <ErrorText message={error} />
          {outcome && (
            <section aria-labelledby={reportId}>
              <h3 id={reportId}>Full check: {outcome.passed ? 'passed' : 'failed'}</h3>
              <p role="status" className={outcome.passed ? 'ok-text' : 'error-text'}>
                {outcome.summary}
              </p>
              <details>
                <summary>The report</summary>
                {/* Focusable: a scrollable region must be reachable by keyboard. */}
                <pre
                  tabIndex={0}
                  aria-label="Full check report"
                  style={{ whiteSpace: 'pre-wrap', maxHeight: '24rem', overflow: 'auto' }}
                >
                  {outcome.markdown}
                </pre>
              </details>
            </section>
          )}
        </div>
      )}
    </>
  );
}
