// Setup's "Run full check" (Staging and Custom only): runs the read-only part of the AURA
// conformance check (token, Fixed Locations, active callouts, one callout read back with its
// events) for the credentials in the form and shows the report. Nothing is saved or raised.
import { useId } from 'react';
import type { Environment } from '@shared/model/connection';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../ui/useCommand';

interface Props {
  environment: Environment;
  baseUrl: string;
  clientId: string;
  /** The form's secret; empty uses the one saved in the keychain for this client ID. */
  secret: string;
}

export function FullCheck({ environment, baseUrl, clientId, secret }: Props) {
  const check = useCommand('setup.fullCheck', { failure: (message) => `Full check not run. ${message}` });
  const reportId = useId();
  if (environment !== 'staging' && environment !== 'custom') return null;
  const { busy, error, result: outcome } = check;

  const run = async (): Promise<void> => {
    check.reset();
    if (environment === 'custom' && !baseUrl.trim()) return check.fail('Enter the base URL AURA gave you.');
    if (!clientId.trim()) return check.fail('Enter the client ID AURA gave you.');
    await check.run({
      environment,
      baseUrl: environment === 'custom' ? baseUrl.trim() : null,
      clientId: clientId.trim(),
      clientSecret: secret,
    });
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
