// A monitor's screen (issue 24 item 2): a supervisor's desk or a wallboard. Every callout AURA
// holds for any site of the client, most urgent first (monitorOrder.ts), in large type, readable
// from across the room; no PANIC button anywhere. Cancel and message appear only where the policy
// allows them (`monitorActions`); core refuses them otherwise. Presses made on this computer
// before it became a monitor stay on top with their choices until they are sent or put away.
import type { DeskState } from '@shared/model/desk-state';
import type { PressView } from '@shared/model/press';
import { CalloutPanel } from '../callouts/CalloutPanel';
import { PressFollowUp } from '../panic/PressFollowUp';
import { PressStatus } from '../panic/PressStatus';
import { monitorOrder } from './monitorOrder';
import './monitor.css';

function siteNameOf(desk: DeskState, siteId: string): string {
  return desk.allSites.find((s) => s.id === siteId)?.name ?? siteId;
}

/** A press of this computer from before the switch: its NOT SENT box and its choices. */
function HeldPress({ press, desk }: { press: PressView; desk: DeskState }) {
  const activity = { unsent: [press], latest: null, latestPress: null };
  return (
    <li className="monitor-item monitor-press">
      <h2 className="monitor-site">{siteNameOf(desk, press.siteId)}</h2>
      <PressStatus press={press} phone={desk.settings.controlRoomPhone} />
      <PressFollowUp activity={activity} calloutShown={false} />
    </li>
  );
}

export function MonitorView({ desk }: { desk: DeskState }) {
  const held = desk.presses.filter((p) => p.phase !== 'sent' && !p.dismissed);
  const callouts = monitorOrder(desk.callouts);
  const open = callouts.filter((c) => c.stage !== 'closed').length;
  const allowed = desk.policy.monitorActions;
  const actions = { cancel: allowed.includes('cancel'), message: allowed.includes('message') };
  return (
    <section className="monitor" aria-labelledby="monitor-title">
      <h1 id="monitor-title" className="monitor-title">
        Monitor — every site ({desk.allSites.length})
      </h1>
      <p className="monitor-summary" role="status">
        {open === 0 ? 'No open callout at AURA' : `${open} open ${open === 1 ? 'callout' : 'callouts'} at AURA`}
      </p>
      {held.length > 0 && (
        <ul className="monitor-list" aria-label="Presses not sent">
          {held.map((press) => (
            <HeldPress key={press.id} press={press} desk={desk} />
          ))}
        </ul>
      )}
      {callouts.length > 0 && (
        <ol className="monitor-list" aria-label="Callouts, most urgent first">
          {callouts.map((callout) => (
            <li key={callout.id} className="monitor-item">
              <h2 className="monitor-site">{siteNameOf(desk, callout.siteId)}</h2>
              <CalloutPanel
                callout={callout}
                siteName={siteNameOf(desk, callout.siteId)}
                press={null}
                training={false}
                actions={actions}
              />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
