import type { DeskState } from '../../../../electron/shared/model';
import { SiteCard } from './SiteCard';

export function SiteGrid({ desk }: { desk: DeskState }) {
  if (desk.sites.length === 0) {
    return (
      <p className="empty">
        No sites yet. Panic Desk shows a panic button for each AURA Fixed Location of this account.
      </p>
    );
  }
  return (
    <ul className="site-grid" aria-label="Sites">
      {desk.sites.map((site) => (
        <li key={site.id}>
          <SiteCard site={site} desk={desk} />
        </li>
      ))}
    </ul>
  );
}
