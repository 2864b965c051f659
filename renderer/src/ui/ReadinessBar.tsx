import type { Readiness } from '../../../electron/shared/model';
import { useNow } from './useNow';
import { formatAgo } from './time';

const LABEL: Record<Readiness['level'], string> = {
  ready: 'Ready',
  degraded: 'Degraded',
  offline: 'Offline',
  credentialsRejected: 'Credentials rejected',
  keychainUnavailable: 'Keychain unavailable',
  notConfigured: 'Not configured',
};

/** Always in words as well as colour: a glance tells whether a press right now would reach AURA. */
export function ReadinessBar({ readiness }: { readiness: Readiness }) {
  const now = useNow(1000);
  const contact =
    readiness.lastContactAt === null
      ? 'no contact yet'
      : `last contact ${formatAgo(now - readiness.lastContactAt)} ago`;
  return (
    <header className={`readiness readiness-${readiness.level}`} role="status" aria-label="Readiness">
      <span className="readiness-level">{LABEL[readiness.level]}</span>
      <span className="readiness-message">{readiness.message}</span>
      <span className="readiness-contact">{contact}</span>
    </header>
  );
}
