// The administrator's policy as the desk host holds it: the rules in force, their view for the
// screen, and the last policy that passed its schema (kept in the store, so that a later policy
// that fails its schema leaves the last good one in force, even across a restart).
import { UNMANAGED, type PolicyState } from '../../shared/model/desk-state';
import { hasLegacyHashes } from '../policy/cancel-codes';
import type { ConnectionManager } from '../connection/connection';
import { describePolicy, type EffectivePolicy } from '../policy/effective-policy';
import { LOCKABLE, PolicySchema, type Policy, type PolicyRead } from '../policy/policy';
import type { KeyValueStore } from '../ports';

/** The store key of the last policy that passed its schema (kept when a later one fails). */
const LAST_GOOD_POLICY = 'managedPolicyLastGood';

export class HostPolicy {
  /** The rules in force. */
  rules: Policy = {};
  /** What the screen shows of them. */
  view: PolicyState = UNMANAGED;
  /** Which source set each key of the rules. */
  private origins: Partial<Record<keyof Policy, string>> = {};

  constructor(
    private readonly store: KeyValueStore,
    private readonly connections: Pick<ConnectionManager, 'preset' | 'connection'>,
  ) {}

  /**
   * Takes a read of the administrator's policy (at start, and whenever a source changes); true
   * when the desk to run changed: the saved AURA connection, or Training turned off (or on) while
   * the connection is Training (a Training desk must not keep taking presses once it is not
   * allowed). A policy that fails its schema changes nothing but the warning; the last good one
   * stays in force.
   */
  take(read: PolicyRead | null): boolean {
    const trainingBefore = this.rules.trainingAllowed !== false;
    const roleBefore = this.rules.role ?? 'desk';
    const connectionChanged = this.takeRead(read);
    // A monitor is another kind of desk (its own pace, no presses sent by itself): it opens anew.
    if ((this.rules.role ?? 'desk') !== roleBefore) return true;
    const trainingChanged =
      (this.rules.trainingAllowed !== false) !== trainingBefore &&
      this.connections.connection().environment === 'training';
    return connectionChanged || trainingChanged;
  }

  private takeRead(read: PolicyRead | null): boolean {
    if (read && !read.ok) {
      const lastGood = PolicySchema.safeParse(this.store.get(LAST_GOOD_POLICY));
      if (this.view === UNMANAGED && lastGood.success) this.set(lastGood.data, ['last good policy']);
      this.view = { ...this.view, problem: read.problem };
      return false;
    }
    const policy = read?.ok ? read.policy : {};
    this.set(policy, read?.ok ? read.sources : []);
    this.origins = read?.ok ? (read.origins ?? {}) : {};
    // A full or failing disk must not stop the desk from opening: the policy holds in memory, the
    // connection it names is saved at the next read that can be written.
    if (!this.tryWrite(() => this.store.set(LAST_GOOD_POLICY, policy))) return false;
    const { environment, baseUrl, clientId } = policy;
    if (environment === undefined && baseUrl === undefined && clientId === undefined) return false;
    let changed = false;
    this.tryWrite(() => (changed = this.connections.preset({ environment, baseUrl, clientId })));
    return changed;
  }

  private tryWrite(write: () => void): boolean {
    try {
      write();
      return true;
    } catch {
      return false;
    }
  }

  /** The rules in force with each value's source, for the diagnostics bundle. */
  effective(): EffectivePolicy {
    return describePolicy(this.rules, this.view.sources, this.origins, this.view.problem);
  }

  private set(policy: Policy, sources: string[]): void {
    this.rules = policy;
    this.view = {
      sources,
      locked: LOCKABLE.filter((key) => policy.locked?.includes(key)),
      problem: hasLegacyHashes([...(policy.cancelCodes?.cancel ?? []), ...(policy.cancelCodes?.duress ?? [])])
        ? 'The cancel codes are hashed in the old, weaker format: hash them again with npm run policy:hash (docs/policy.md)'
        : null,
      trainingAllowed: policy.trainingAllowed !== false,
      cancelCodeRequired: (policy.cancelCodes?.cancel.length ?? 0) > 0,
      role: policy.role ?? 'desk',
      monitorActions: [...new Set(policy.monitorActions ?? [])],
      colleagueAlerts: policy.colleagueAlerts ?? 'off',
    };
  }
}
