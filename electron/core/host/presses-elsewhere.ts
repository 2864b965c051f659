// Presses the current desk does not send (issue 20's rule), kept by the desk host in the one
// ledger: a panic that arrives while the host switches desks (recorded at once for the connection
// the operator last saw, never "the desk is not open"), and every unsent press of another
// connection. Those stay NOT SENT on screen until they are at AURA or put away; "Send now" sends
// one to its own environment, and only while that environment's secret is still in the keychain.
import type { CommandName } from '../../shared/command-names';
import type { Press, PressTarget } from '../../shared/model/press';
import { ENVIRONMENT_WORDS } from '../../shared/environments';
import type { AuditLog } from '../audit/audit-log';
import type { AuraClient } from '../aura/client';
import type { ConnectionManager } from '../connection/connection';
import { deskPortFor } from '../aura/port';
import { calloutOfPress, notSent, pressed, refusedDismissed, staleSentNow, stalePutAway } from '../desk/audit-records';
import { Dispatcher } from '../dispatch/dispatcher';
import { isUnsent, newPress, sameTarget, type DeskPresses, type PressLedger } from '../dispatch/ledger';
import type { Clock } from '../ports';
import { clockTime, pressedAgainMessage } from '../dispatch/press-words';
import { describeError } from '../aura/errors';

export interface ElsewhereDeps {
  ledger: PressLedger;
  audit: AuditLog;
  clock: Clock;
  connections: Pick<ConnectionManager, 'hasSecretFor' | 'clientForTarget'>;
  deskName(): string;
  siteName(siteId: string): string;
  staleAfterMs(): number;
  /** Tells the operator (a notice on the running desk): the press left the screen because it is at AURA. */
  tell(text: string): void;
}

/** One connection's sender for "Send now" on its presses while another desk runs. */
interface Sender {
  dispatcher: Dispatcher;
  view: DeskPresses;
  client: AuraClient;
}

/** Where a Training press goes: Training, whatever its URL. */
export const TRAINING_TARGET: PressTarget = { environment: 'training', baseUrl: null, clientId: null };

const keyOf = (t: PressTarget): string => JSON.stringify([t.environment, t.baseUrl, t.clientId]);
const isLive = (t: PressTarget | null): t is PressTarget =>
  t !== null && t.environment !== 'training' && t.baseUrl !== null && t.clientId !== null;

/** The connection a press was made for, in words. */
export function targetWords(target: PressTarget | null): string {
  if (target === null) return 'the first AURA connection to be set up';
  const client = target.clientId ? ` (client ${target.clientId})` : '';
  return `${ENVIRONMENT_WORDS[target.environment].name}${client}`;
}

export class PressesElsewhere {
  private readonly senders = new Map<string, Sender>();
  /** Connections whose secret was in the keychain when the current desk opened. */
  private sendable = new Set<string>();

  constructor(private readonly deps: ElsewhereDeps) {}

  /** A panic while no desk runs: on disk at once, for the connection the operator last saw. */
  record(siteId: string, source: Press['source'], target: PressTarget | null): Press {
    const { clock, ledger, audit } = this.deps;
    const press = newPress(siteId, source, clock.now(), target);
    ledger.add(press); // never throws: a failed write keeps the press in memory (storage watch)
    try {
      audit.record(...pressed(press, this.deps.siteName(siteId)));
    } catch {
      // the press is kept whatever the audit log does
    }
    return press;
  }

  /**
   * Before a desk of `target` opens: no sender of another connection runs on; presses of other
   * connections that were on their way are NOT SENT (nobody sends them now); which of them can
   * still be sent is read from the keychain once.
   */
  async prepare(target: PressTarget | null): Promise<void> {
    await this.stop();
    const { ledger, connections } = this.deps;
    const others = ledger.all().filter((p) => isUnsent(p) && !sameTarget(p.target, target));
    for (const p of others) {
      if (p.status !== 'queued' && p.status !== 'sending') continue;
      ledger.update(p.id, {
        status: 'notSent',
        lastError: `Made for ${targetWords(p.target)}, which this desk no longer uses`,
      });
    }
    const sendable = new Set<string>();
    for (const p of others) {
      if (isLive(p.target) && !sendable.has(keyOf(p.target)) && (await connections.hasSecretFor(p.target))) {
        sendable.add(keyOf(p.target));
      }
    }
    this.sendable = sendable;
  }

  canSendNow(press: Press): boolean {
    return isLive(press.target) && this.sendable.has(keyOf(press.target));
  }

  /** True when this press is in the ledger but not the current desk's to send. */
  isElsewhere(pressId: string, deskTarget: PressTarget | null): boolean {
    const press = this.deps.ledger.get(pressId);
    return press !== undefined && !sameTarget(press.target, deskTarget);
  }

  /** A press choice (Send now, put away, dismiss) on a press of another connection than the current desk's. */
  choose(name: CommandName, pressId: string): Promise<Record<string, never>> {
    if (name === 'press.sendNow') return this.sendNow(pressId);
    if (name === 'press.dismiss') return this.dismiss(pressId);
    return this.putAway(pressId);
  }

  async putAway(pressId: string): Promise<Record<string, never>> {
    const press = this.unsent(pressId);
    this.deps.ledger.update(pressId, {
      status: 'failed',
      stale: false,
      dismissed: true,
      lastError: 'Put away by the operator, who phoned the control room',
    });
    this.deps.audit.record(...stalePutAway(pressId, this.deps.siteName(press.siteId)));
    return {};
  }

  async dismiss(pressId: string): Promise<Record<string, never>> {
    const press = this.unsent(pressId);
    if (press.status !== 'failed') throw new Error('Only a panic that AURA refused can be dismissed');
    this.deps.ledger.update(pressId, { dismissed: true });
    this.deps.audit.record(...refusedDismissed(pressId, this.deps.siteName(press.siteId)));
    return {};
  }

  /** "Send now" to the press's own environment, while its secret is still in the keychain. */
  async sendNow(pressId: string): Promise<Record<string, never>> {
    const press = this.unsent(pressId);
    const target = press.target;
    const client = isLive(target) ? await this.deps.connections.clientForTarget(target) : null;
    if (!isLive(target) || !client) {
      throw new Error(
        `This panic was made for ${targetWords(target)}, whose secret is not in the system keychain: it cannot be sent from here. Phone the control room, then put it away.`,
      );
    }
    const sender = this.senderFor(target, client);
    this.deps.audit.record(...staleSentNow(pressId, this.deps.siteName(press.siteId)));
    sender.dispatcher.sendNow(pressId);
    return {};
  }

  /** Stops every sender: its requests are cancelled and it writes nothing more. */
  async stop(): Promise<void> {
    for (const sender of this.senders.values()) {
      sender.dispatcher.stop();
      sender.view.stop();
      sender.client.close();
    }
    this.senders.clear();
  }

  private unsent(pressId: string): Press {
    const press = this.deps.ledger.get(pressId);
    if (!press || !isUnsent(press)) throw new Error('No such unsent press');
    return press;
  }

  private senderFor(target: PressTarget, client: AuraClient): Sender {
    const known = this.senders.get(keyOf(target));
    if (known) {
      client.close();
      return known;
    }
    const { deps } = this;
    const api = deskPortFor(client);
    const view = deps.ledger.viewFor(target);
    const site = (p: Press): string => deps.siteName(p.siteId);
    const dispatcher = new Dispatcher({
      outbox: view,
      clock: deps.clock,
      api,
      auraIdOf: async (siteId) => (await api.listSites()).find((s) => s.id === siteId)?.auraId ?? null,
      follows: () => false,
      againMessage: (p) => pressedAgainMessage(p, deps.deskName()),
      staleAfterMs: () => deps.staleAfterMs(),
      onSent: (p, calloutId, snapshot, how) => {
        const outcome = `${targetWords(target)} has this press on callout ${calloutId}`;
        view.update(p.id, { outcome });
        deps.tell(
          `Panic pressed at ${clockTime(p.pressedAt)} for ${site(p)}: ${outcome} (followed on that environment's desk).`,
        );
        if (snapshot) deps.audit.record(...calloutOfPress(p, how, calloutId, site(p), snapshot.status));
      },
      onStale: () => undefined,
      onFailure: (p, error) => void deps.audit.record(...notSent(p, site(p), describeError(error))),
      onContact: () => undefined,
      onChange: () => undefined,
    });
    const sender = { dispatcher, view, client };
    this.senders.set(keyOf(target), sender);
    return sender;
  }
}
