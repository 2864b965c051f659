// The desk's command table: each contract command (shared/contract.ts) goes to one method of
// one service. Nothing is decided here; the three host commands are refused, since the desk host
// (desk-host.ts) runs them before they reach a desk.
import type { CommandName } from '../../shared/command-names';
import type { CommandOutput, CommandParsedInput } from '../../shared/contract';
import type { DeskState } from '../../shared/model/desk-state';
import type { AuditLog } from '../audit';
import { exportAuditCsv } from '../audit-csv';
import type { CalloutsService } from './callouts';
import type { CancelService } from './cancel';
import type { DeskEvents } from './events';
import type { PressService } from './presses';
import type { SettingsService } from './settings';
import type { SitesService } from './sites';
import type { TrainingPractice } from './training-practice';

/** One handler per contract command, given the payload after its schema (defaults applied). */
export type Handlers = { [N in CommandName]: (input: CommandParsedInput<N>) => Promise<CommandOutput<N>> };

export interface DeskServices {
  state(): DeskState;
  presses: PressService;
  callouts: CalloutsService;
  cancel: CancelService;
  sites: SitesService;
  settings: SettingsService;
  training: TrainingPractice;
  audit: AuditLog;
  events: DeskEvents;
}

export function commandTable(s: DeskServices): Handlers {
  return {
    'state.get': async () => s.state(),
    'panic.trigger': async ({ siteId }) => s.presses.trigger(siteId, 'button'),
    'press.dismiss': ({ pressId }) => s.presses.dismiss(pressId),
    'press.sendNow': ({ pressId }) => s.presses.sendNow(pressId),
    'press.putAway': ({ pressId }) => s.presses.putAway(pressId),
    'callout.reasons': ({ calloutId }) => s.cancel.reasons(calloutId),
    'callout.cancel': (request) => s.cancel.cancel(request),
    'callout.message': ({ calloutId, text }) => s.callouts.message(calloutId, text),
    'setup.saveCredentials': () => hostOnly('Credentials are saved'),
    'diagnostics.export': () => hostOnly('Diagnostics are exported'),
    'setup.fullCheck': () => hostOnly('The full check is run'),
    'sites.sync': () => s.sites.sync(),
    'sites.choose': ({ shownSiteIds }) => s.settings.chooseSites(shownSiteIds),
    'sites.create': (input) => s.sites.create(input),
    'sites.update': (input) => s.sites.update(input),
    'sites.delete': ({ siteId }) => s.sites.remove(siteId),
    'settings.update': (patch) => s.settings.change(patch),
    'hotkey.test': ({ action }) => s.settings.testHotkey(action),
    'training.advance': ({ calloutId, step }) => s.training.advance(calloutId, step),
    'training.autoplay': ({ on }) => s.training.autoplay(on),
    'training.fault': ({ fault }) => s.training.fault(fault),
    'audit.list': async ({ text, limit }) => {
      const { entries, chain } = s.audit.list(text, limit);
      return { entries, chainOk: chain.ok, problem: chain.problem };
    },
    'audit.exportCsv': async ({ text }) => ({ csv: exportAuditCsv(s.audit, text) }),
    'notice.dismiss': async ({ id }) => s.events.dismissNotice(id),
  };
}

/** A command the desk host answers itself (desk-host.ts); it never reaches a desk. */
async function hostOnly(what: string): Promise<never> {
  throw new Error(`${what} by the desk host, not by a desk`);
}
