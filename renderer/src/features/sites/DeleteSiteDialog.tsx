import { useState } from 'react';
import type { Site } from '@shared/model/site';
import { useDesk } from '../../store';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';

/** Deleting a Fixed Location asks first; AURA (or the desk) refuses while a callout is active there. */
export function DeleteSiteDialog({ site, onClose }: { site: Site; onClose(): void }) {
  const call = useDesk((s) => s.call);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await call('sites.delete', { siteId: site.id });
    setBusy(false);
    if (!result.ok) return setError(`Not deleted: ${result.error.message}`);
    onClose();
  };

  return (
    <Dialog title={`Delete ${site.name}?`} onClose={onClose}>
      <p>
        This deletes the Fixed Location “{site.name}” ({site.id}) from AURA. Its panic button leaves every desk. This
        cannot be undone here.
      </p>
      <ErrorText message={error} />
      <div className="actions">
        <button type="button" className="button button-danger" aria-busy={busy} onClick={() => void confirm()}>
          {busy ? 'Deleting…' : 'Delete site'}
        </button>
        <button type="button" className="button" onClick={onClose}>
          Keep site
        </button>
      </div>
    </Dialog>
  );
}
