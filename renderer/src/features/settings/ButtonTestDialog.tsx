// "Test your button" (issue 24): the operator presses the physical button and the desk says which
// key it sent and which site it would raise, without raising anything, and offers to bind it to a
// site. While the dialog listens, main has released the app's global keys (`button.test`), or
// the window would never see them; closing the dialog (Done, Escape, or leaving Settings) takes
// them back, and the desk takes them back by itself after a minute. Nothing here can trigger a
// press: the only commands are button.test and settings.update.
import { useEffect, useId, useRef, useState } from 'react';
import type { DeskState } from '@shared/model/desk-state';
import { siteForKey } from '@shared/site-keys';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../ui/useCommand';
import { acceleratorOf, describeAccelerator, isModifierKey, refusalOf } from './accelerator';
import { KeyCapture } from './KeyCapture';

/** What the button's key would do now, in words. */
function wouldRaise(desk: DeskState, accelerator: string): string {
  const { settings, hotkey } = desk;
  const found = siteForKey(accelerator, settings.siteHotkeys, { accelerator: settings.hotkey, siteId: hotkey.siteId });
  if (!found) return 'It raises nothing: no site has this key yet.';
  const name = desk.allSites.find((s) => s.id === found.siteId)?.name ?? found.siteId;
  return found.via === 'hotkey' ? `It would raise ${name} (it is the silent hotkey).` : `It would raise ${name}.`;
}

/** The listening control: every key but plain Tab is caught here and goes nowhere else. */
function Listener({ onKey, hintId }: { onKey(accelerator: string | null): void; hintId: string }) {
  return (
    <KeyCapture
      hintId={hintId}
      onKey={(e) => {
        if (e.key === 'Escape' && !e.ctrlKey && !e.altKey && !e.metaKey && !e.shiftKey) return;
        e.preventDefault();
        e.stopPropagation();
        if (!isModifierKey(e.key)) onKey(acceleratorOf(e));
      }}
    >
      Listening: press your button now…
    </KeyCapture>
  );
}

function BindForm({ desk, accelerator }: { desk: DeskState; accelerator: string }) {
  const bind = useCommand('settings.update', { failure: (message) => `Not bound: ${message}` });
  const [siteId, setSiteId] = useState(desk.sites[0]?.id ?? '');
  const selectId = useId();
  const locked = desk.policy.locked.includes('siteHotkeys');
  if (locked) return <p className="field-hint">Site keys are set by your organisation.</p>;
  const submit = (): void => {
    const others = Object.entries(desk.settings.siteHotkeys).filter(([id]) => id !== siteId);
    void bind.run({ siteHotkeys: { ...Object.fromEntries(others), [siteId]: accelerator } });
  };
  const bound = bind.result ? desk.sites.find((s) => s.id === siteId)?.name : null;
  return (
    <div className="field">
      <label htmlFor={selectId}>Site for this button</label>
      <select id={selectId} value={siteId} onChange={(e) => setSiteId(e.target.value)}>
        {desk.sites.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <div className="actions">
        <button type="button" className="button" disabled={!siteId} onClick={submit}>
          Bind to this site
        </button>
      </div>
      <ErrorText message={bind.error} />
      <p role="status">{bound ? `Bound: ${describeAccelerator(accelerator)} now raises ${bound}.` : ''}</p>
    </div>
  );
}

/** What the button sent and what it would do; announced as it changes. */
function TestResult({
  desk,
  heard: key,
  listening,
}: {
  desk: DeskState;
  heard: { accelerator: string | null } | null;
  listening: boolean;
}) {
  const refusal = key?.accelerator ? refusalOf(key.accelerator) : null;
  return (
    <div role="status" aria-label="Test result">
      {!listening && !key && <p>Stopped listening: your keys are back.</p>}
      {key && (
        <>
          <p>
            Your button sent:{' '}
            <kbd>{key.accelerator ? describeAccelerator(key.accelerator) : 'a key the desk cannot use'}</kbd>
          </p>
          {key.accelerator && <p>{wouldRaise(desk, key.accelerator)}</p>}
          {refusal && <p className="field-error">{refusal}</p>}
        </>
      )}
    </div>
  );
}

export function ButtonTestDialog({ desk, onClose }: { desk: DeskState; onClose(): void }) {
  const test = useCommand('button.test', { failure: (message) => `The test could not start: ${message}` });
  const [key, setKey] = useState<{ accelerator: string | null } | null>(null);
  const [listening, setListening] = useState(true);
  const hintId = useId();
  const run = test.run;
  const on = desk.hotkey.buttonTest === true;
  // Seen listening since this round began: a later "off" means the desk ended it (after a minute).
  const sawOn = useRef(false);
  useEffect(() => {
    sawOn.current = false;
    if (listening) void run({ action: 'start' });
  }, [listening, run]);
  useEffect(() => {
    if (listening && on) sawOn.current = true;
    if (listening && sawOn.current && !on) setListening(false);
  }, [listening, on]);
  // Whatever closes the dialog gives the keys back.
  useEffect(() => () => void run({ action: 'stop' }), [run]);

  const heard = (accelerator: string | null): void => {
    setKey({ accelerator });
    setListening(false);
    void run({ action: 'stop' });
  };
  const refusal = key?.accelerator ? refusalOf(key.accelerator) : null;
  return (
    <Dialog title="Test your button" onClose={onClose}>
      <p id={hintId}>
        Nothing is raised during this test. While it listens, the desk&apos;s own keys are paused so that this window
        can see your button; they come back when you stop, close this dialog, or after a minute.
      </p>
      {listening ? (
        <Listener onKey={heard} hintId={hintId} />
      ) : (
        <div className="actions">
          <button type="button" className="button" onClick={() => setListening(true)}>
            Listen again
          </button>
        </div>
      )}
      <TestResult desk={desk} heard={key} listening={listening} />
      {key?.accelerator && !refusal && !listening && <BindForm desk={desk} accelerator={key.accelerator} />}
      <ErrorText message={test.error} />
      <div className="actions">
        <button type="button" className="button" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
