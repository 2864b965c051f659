// The desk's physical panic buttons (issue 24): each site's own silent key, whether the system
// took it (or why not), a way to remove it, and "Test your button", which finds out what a button
// sends and binds it to a site.
import { useState } from 'react';
import type { DeskState } from '@shared/model/desk-state';
import { ErrorText } from '../../ui/ErrorText';
import { LockedNote } from '../../ui/Locked';
import { useCommand } from '../../ui/useCommand';
import { ButtonTestDialog } from './ButtonTestDialog';
import { describeAccelerator } from './accelerator';

export function SiteKeys({ desk }: { desk: DeskState }) {
  const save = useCommand('settings.update', { failure: (message) => `Not removed: ${message}` });
  const [testing, setTesting] = useState(false);
  const locked = desk.policy.locked.includes('siteHotkeys');
  const keys = Object.entries(desk.settings.siteHotkeys);
  const nameOf = (id: string): string => desk.allSites.find((s) => s.id === id)?.name ?? `site "${id}"`;
  const statusOf = (id: string) => desk.hotkey.siteKeys?.find((k) => k.siteId === id);
  const remove = (id: string): void =>
    void save.run({ siteHotkeys: Object.fromEntries(keys.filter(([other]) => other !== id)) });
  return (
    <section className="panel" aria-labelledby="site-keys-title">
      <h2 id="site-keys-title">Physical panic buttons</h2>
      <p className="field-hint">
        A USB button or foot pedal per site: its key raises a silent panic for that site, like the hotkey.
      </p>
      {keys.length === 0 ? (
        <p>No site has its own key.</p>
      ) : (
        <ul className="facts" aria-label="Site keys">
          {keys.map(([id, accelerator]) => {
            const status = statusOf(id);
            return (
              <li key={id}>
                {nameOf(id)}: <kbd>{describeAccelerator(accelerator)}</kbd> —{' '}
                {status?.registered
                  ? 'Registered with the system.'
                  : `Not working${status?.error ? `: ${status.error}` : '.'}`}
                {!locked && (
                  <button type="button" className="button" onClick={() => remove(id)}>
                    Remove key for {nameOf(id)}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <LockedNote locked={locked} />
      <ErrorText message={save.error} />
      <div className="actions">
        <button type="button" className="button" onClick={() => setTesting(true)}>
          Test your button
        </button>
      </div>
      {testing && <ButtonTestDialog desk={desk} onClose={() => setTesting(false)} />}
    </section>
  );
}
