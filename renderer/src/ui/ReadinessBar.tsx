import type { Readiness } from '@shared/model/connection';
import { phoneNow } from '@shared/press-phase';
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

/** "NOT CONFIRMED: North Gate — phone the control room now: …", one line per headline. */
function TroubleLines({ trouble, phone }: { trouble: TroubleSites; phone: string }) {
  const lines = [
    ['NOT CONFIRMED', trouble.notConfirmed],
    ['NOT SENT', trouble.notSent],
  ] as const;
  return lines.map(([headline, sites]) =>
    sites.length > 0 ? (
      <p key={headline} className="readiness-unsent">
        {headline}: {sites.join(', ')} — {phoneNow(phone)}
      </p>
    ) : null,
  );
}

/**
 * Always in words as well as colour: a glance tells whether a press right now would reach AURA.
 * Only the level and its sentence are a live region; the ticking "last contact" is not, so that
 * a screen reader is not told the time every second.
 */
/** The sites whose presses are in trouble, by headline: the top of every view says them. */
export interface TroubleSites {
  notConfirmed: readonly string[];
  notSent: readonly string[];
}

const NO_TROUBLE: TroubleSites = { notConfirmed: [], notSent: [] };

/** Each site key (physical button) that cannot fire: part of "would a press reach AURA". */
function SiteKeyLines({ errors }: { errors: readonly string[] }) {
  return errors.map((error) => (
    <p className="readiness-hotkey" role="status" key={error}>
      Panic button key not working — {error}
    </p>
  ));
}

export function ReadinessBar({
  readiness,
  hotkeyError,
  hotkeyWarning = null,
  siteKeyErrors = [],
  policyProblem = null,
  trouble = NO_TROUBLE,
  phone = '',
}: {
  readiness: Readiness;
  hotkeyError: string | null;
  /** The hotkey is set but raises nothing (no site chosen). */
  hotkeyWarning?: string | null;
  /** Each site key (physical button, issue 24) that cannot fire, and why. */
  siteKeyErrors?: readonly string[];
  /** Why the administrator's latest policy was ignored (the last good one stays). */
  policyProblem?: string | null;
  trouble?: TroubleSites;
  /** The control room's number, on every line that says to phone it. */
  phone?: string;
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
      <TroubleLines trouble={trouble} phone={phone} />
      {hotkeyError && (
        // The silent hotkey is part of "would a press reach AURA": say when it cannot fire.
        <p className="readiness-hotkey" role="status">
          Silent hotkey not working — {hotkeyError}
        </p>
      )}
      {hotkeyWarning && (
        <p className="readiness-hotkey" role="status">
          {hotkeyWarning}
        </p>
      )}
      <SiteKeyLines errors={siteKeyErrors} />
      {policyProblem && (
        <p className="readiness-hotkey" role="status">
          Policy warning — {policyProblem}
        </p>
      )}
    </div>
  );
}
