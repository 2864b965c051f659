// Refuses, in core, a command that would change what the administrator's policy locks. Hiding a
// control in the screen is not enough: the renderer is untrusted, and any page or script that can
// send a command must hit the same wall. Unchanged values pass, so a form may resend them.
import type { CommandName } from '../../shared/command-names';
import type { Settings } from '../../shared/model/settings';
import type { Connection } from '../../shared/model/connection';
import { isLocked, LOCK_OF_SETTING, type Lockable, type Policy } from './policy';

export const LOCKED_WORDS = 'Set by your organisation';

export class PolicyRefusal extends Error {
  constructor(readonly setting: Lockable | 'training') {
    super(
      setting === 'training'
        ? 'Training is turned off by your organisation'
        : `${LOCKED_WORDS}: "${setting}" cannot be changed on this desk`,
    );
    this.name = 'PolicyRefusal';
  }
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Throws PolicyRefusal when the command would change a locked setting. */
export function checkAgainstPolicy(
  policy: Policy,
  name: CommandName,
  input: unknown,
  current: { settings: Settings; connection: Connection },
): void {
  const payload = (input ?? {}) as Record<string, unknown>;
  const refuseIf = (lock: Lockable, changes: boolean): void => {
    if (changes && isLocked(policy, lock)) throw new PolicyRefusal(lock);
  };
  switch (name) {
    case 'settings.update':
      for (const [key, value] of Object.entries(payload)) {
        const lock = LOCK_OF_SETTING[key as keyof Settings];
        if (lock) refuseIf(lock, !same(current.settings[key as keyof Settings], value));
      }
      return;
    case 'sites.choose':
      refuseIf('sites', !same(current.settings.shownSiteIds, payload.shownSiteIds));
      return;
    // Registering, editing or deleting AURA's Fixed Locations is IT's job once it manages the sites.
    case 'sites.create':
    case 'sites.update':
    case 'sites.delete':
      refuseIf('sites', true);
      return;
    // The full check sends the secret to the URL it names: the same locks as saving it.
    case 'setup.fullCheck':
    case 'setup.saveCredentials': {
      if (payload.environment === 'training' && policy.trainingAllowed === false) throw new PolicyRefusal('training');
      const env = policy.environment ?? current.connection.environment;
      refuseIf('environment', payload.environment !== env);
      if (payload.environment !== 'training') {
        const baseUrl = policy.baseUrl ?? current.connection.baseUrl;
        refuseIf('baseUrl', payload.baseUrl !== null && payload.baseUrl !== undefined && payload.baseUrl !== baseUrl);
        refuseIf(
          'clientId',
          String(payload.clientId ?? '').trim() !== (policy.clientId ?? current.connection.clientId),
        );
      }
      return;
    }
    case 'training.advance':
    case 'training.autoplay':
    case 'training.fault':
      if (policy.trainingAllowed === false) throw new PolicyRefusal('training');
      return;
    default:
      return;
  }
}
