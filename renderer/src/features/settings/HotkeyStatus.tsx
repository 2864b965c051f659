import type { DeskState } from '@shared/model/desk-state';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../ui/useCommand';
import { formatClock } from '../../ui/time';
import { describeAccelerator } from './accelerator';

/** Whether the system accepted the hotkey, and a test: press it once, nothing is raised. */
export function HotkeyStatus({ desk, unsaved }: { desk: DeskState; unsaved: boolean }) {
  const test = useCommand('hotkey.test', { keepWhileBusy: true });
  const { hotkey, settings } = desk;
  const keys = describeAccelerator(settings.hotkey);
  // The site the desk says the hotkey raises now (the chosen one, or the desk's only site).
  const site = desk.allSites.find((s) => s.id === hotkey.siteId);
  const off = !settings.hotkey || !site;
  return (
    <section className="panel" aria-labelledby="hotkey-status-title">
      <h2 id="hotkey-status-title">Hotkey status</h2>
      <ul className="facts">
        <li>
          Saved hotkey: <kbd>{keys}</kbd>
          {settings.hotkey &&
            (site ? ` raises a silent panic for ${site.name}` : ' — Off: no site chosen, it raises nothing')}
        </li>
        <li>
          {off
            ? 'Off.'
            : hotkey.registered
              ? 'Registered with the system.'
              : `Not registered${hotkey.error ? `: ${hotkey.error}` : '.'}`}
        </li>
        <li>
          {hotkey.lastTestOkAt === null
            ? 'Not tested yet.'
            : `Last test passed at ${formatClock(hotkey.lastTestOkAt)}.`}
        </li>
      </ul>
      {unsaved && <p className="field-hint">Save settings first to test the new hotkey.</p>}
      <div role="status">
        {hotkey.testing && (
          <p className="testing-now">
            Testing: press <kbd>{keys}</kbd> now. No panic is raised during the test.
          </p>
        )}
      </div>
      <div className="actions">
        {hotkey.testing ? (
          <button type="button" className="button" onClick={() => void test.run({ action: 'stop' })}>
            Stop the test
          </button>
        ) : (
          <button type="button" className="button" onClick={() => void test.run({ action: 'start' })}>
            Test hotkey
          </button>
        )}
      </div>
      <ErrorText message={test.error} />
    </section>
  );
}
