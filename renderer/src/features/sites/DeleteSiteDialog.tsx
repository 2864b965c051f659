import type { Site } from '@shared/model/site';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../ui/useCommand';

/** Deleting a Fixed Location asks first; AURA (or the desk) refuses while a callout is active there. */
export function DeleteSiteDialog({ site, onClose }: { site: Site; onClose(): void }) {
  const remove = useCommand('sites.delete', { failure: (message) => `Not deleted: ${message}` });

  const confirm = async (): Promise<void> => {
    const result = await remove.run({ siteId: site.id });
    if (result.ok) onClose();
  };

  return (
    <Dialog title={`Delete ${site.name}?`} onClose={onClose}>
      <p>
        This deletes the Fixed Location “{site.name}” ({site.id}) from AURA. Its panic button leaves every desk. This
        cannot be undone here.
      </p>
      <ErrorText message={remove.error} />
      <div className="actions">
        <button type="button" className="button button-danger" aria-busy={remove.busy} onClick={() => void confirm()}>
          {remove.busy ? 'Deleting…' : 'Delete site'}
        </button>
        <button type="button" className="button" onClick={onClose}>
          Keep site
        </button>
      </div>
    </Dialog>
  );
}
