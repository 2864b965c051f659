// The desk's command table: each contract command a desk answers (shared/contract.ts) goes to one
// method of one service. Nothing is decided here. The host's own commands are not in it: the desk
// host (desk-host.ts, host/host-commands.ts) runs them, since they outlive one desk.
import type { CommandName } from '../../shared/command-names';
import type { CommandOutput, CommandParsedInput } from '../../shared/contract';
import type { Callout } from '../../shared/model/callout';
import type { DeskState } from '../../shared/model/desk-state';
import type { AuditLog } from '../audit/audit-log';
import { exportAuditCsv } from '../audit/audit-csv';
import type { CalloutsService } from './callouts';
import type { CancelService } from './cancel';
import type { DeskEvents } from './events';
import type { PressService } from './presses';
import type { SettingsService } from './settings';
import type { SitesService } from './sites';
import type { TrainingPractice } from './training-practice';

/** One handler per contract command, given the payload after its schema (defaults applied). */
export type Handlers = { [N in CommandName]: (input: CommandParsedInput<N>) => Promise<CommandOutput<N>> };

/** The commands the desk host runs itself (host/host-commands.ts). */
export type HostCommandName = 'setup.saveCredentials' | 'setup.fullCheck' | 'diagnostics.export';
/** The commands a desk answers; the host's own are not among them. */
export type DeskCommandName = Exclude<CommandName, HostCommandName>;
export type DeskHandlers = Pick<Handlers, DeskCommandName>;

export interface DeskServices {
  state(): DeskState;
  /** The closed callouts of the last 30 days, as shown (the History view asks for them). */
  history(): Callout[];
  presses: PressService;
  callouts: CalloutsService;
  cancel: CancelService;
  sites: SitesService;
  settings: SettingsService;
  training: TrainingPractice;
  audit: AuditLog;
  events: DeskEvents;
}

export function commandTable(s: DeskServices): DeskHandlers {
  return {
    'state.get': async () => s.state(),
    'panic.trigger': async ({ siteId }) => s.presses.trigger(siteId, 'button'),
    'press.dismiss': ({ pressId }) => s.presses.dismiss(pressId),
    'press.sendNow': ({ pressId }) => s.presses.sendNow(pressId),
    'press.putAway': ({ pressId }) => s.presses.putAway(pressId),
    'callout.reasons': ({ calloutId }) => s.cancel.reasons(calloutId),
    'callout.cancel': (request) => s.cancel.cancel(request),
    'callout.message': ({ calloutId, text }) => s.callouts.message(calloutId, text),
    'sites.sync': () => s.sites.sync(),
    'sites.choose': ({ shownSiteIds }) => s.settings.chooseSites(shownSiteIds),
    'sites.create': (input) => s.sites.create(input),
    'sites.update': (input) => s.sites.update(input),
    'sites.delete': ({ siteId }) => s.sites.remove(siteId),
    'settings.update': (patch) => s.settings.change(patch),
    'hotkey.test': ({ action }) => s.settings.testHotkey(action),
    'button.test': ({ action }) => s.settings.testButton(action),
    'training.advance': ({ calloutId, step }) => s.training.advance(calloutId, step),
    'training.autoplay': ({ on }) => s.training.autoplay(on),
    'training.fault': ({ fault }) => s.training.fault(fault),
    'history.list': async () => ({ callouts: s.history() }),
    'audit.list': async ({ text, limit }) => {
      const { entries, chain } = s.audit.list(text, limit);
      return { entries, chainOk: chain.ok, problem: chain.problem };
    },
    'audit.exportCsv': async ({ text }) => ({ csv: exportAuditCsv(s.audit, text) }),
    'notice.dismiss': async ({ id }) => s.events.dismissNotice(id),
  };
}
