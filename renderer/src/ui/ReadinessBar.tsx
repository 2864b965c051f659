import type { Readiness } from '@shared/model/connection';
import { useNow } from './useNow';
import { formatAgo, formatClock } from './time';

const LABEL: Record<Readiness['level'], string> = {
  ready: 'Ready',
  degraded: 'Degraded',
  offline: 'Offline',
  credentialsRejected: 'Credentials rejected',
  keychainUnavailable: 'Keychain unavailable',
  notConfigured: 'Not configured',
};

/**
 * Always in words as well as colour: a glance tells whether a press right now would reach AURA.
 * Only the level and its sentence are a live region; the ticking "last contact" is not, so that
 * a screen reader is not told the time every second.
 */
export function ReadinessBar({
  readiness,
  hotkeyError,
  policyProblem = null,
  unsentSites = [],
}: {
  readiness: Readiness;
  hotkeyError: string | null;
  /** Why the administrator's latest policy was ignored (the last good one stays). */
  policyProblem?: string | null;
  /** The sites with a press not yet sent, named so that the top of every view says it. */
  unsentSites?: readonly string[];
}) {
  const now = useNow(1000);
  const at = readiness.lastContactAt;
  return (
    <div className={`readiness readiness-${readiness.level}`}>
      <p className="readiness-words" role="status" aria-label="Readiness">
        <span className="readiness-level">{LABEL[readiness.level]}</span>
        <span className="readiness-sep" aria-hidden="true">
          {' — '}
        </span>
        <span className="readiness-message">{readiness.message}</span>
      </p>
      <p className="readiness-contact">
        {at === null ? (
          'No contact with AURA yet'
        ) : (
          <>
            Last contact {formatAgo(now - at)} ago{' '}
            <time dateTime={new Date(at).toISOString()}>({formatClock(at)})</time>
          </>
        )}
      </p>
      {unsentSites.length > 0 && (
        <p className="readiness-unsent">NOT SENT: {unsentSites.join(', ')} — phone the control room</p>
      )}
      {hotkeyError && (
        // The silent hotkey is part of "would a press reach AURA": say when it cannot fire.
        <p className="readiness-hotkey" role="status">
          Silent hotkey not working — {hotkeyError}
        </p>
      )}
      {policyProblem && (
        <p className="readiness-hotkey" role="status">
          Policy warning — {policyProblem}
        </p>
      )}
    </div>
  );
}
