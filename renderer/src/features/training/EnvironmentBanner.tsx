import type { DeskState } from '@shared/model/desk-state';
import { deskKind, normalisedHost } from '@shared/environments';

/**
 * Where a press goes, always in the header: Training and Staging dispatch nobody, a Custom
 * address names its host, and a live desk carries a permanent "LIVE — real responders" badge, so
 * that no one mistakes a live desk for a practice one (issue 23 item 4).
 */
export function EnvironmentBanner({ desk }: { desk: DeskState }) {
  const baseUrl = desk.connection.baseUrl;
  switch (deskKind(desk.environment, baseUrl)) {
    case 'training':
      return (
        <div className="training-banner env-banner" role="note">
          TRAINING — no responders are dispatched
        </div>
      );
    case 'staging':
      return (
        <div className="env-banner env-banner-staging" role="note">
          STAGING — AURA’s test system: nobody is dispatched
        </div>
      );
    case 'custom':
      return (
        <div className="env-banner env-banner-custom" role="note">
          CUSTOM AURA ADDRESS — {normalisedHost(baseUrl) ?? 'not set'}: ask AURA whether responders are dispatched
        </div>
      );
    case 'live':
      return (
        <div className="env-banner env-banner-live" role="note">
          <span className="live-badge">LIVE — real responders</span>
        </div>
      );
  }
}
