// The desk's settings and hotkey: the operator's changes (each recorded in the audit log in
// words), the administrator's policy applied over them, and the global hotkey's state as main
// reports it (registered or not, a test in progress).
import { hostname } from 'node:os';
import { checkAccelerator } from '../../shared/accelerator';
import { checkSiteHotkeys } from '../../shared/site-keys';
import { SettingsSchema, type Settings } from '../../shared/model/settings';
import { UNMANAGED, type HotkeyReport, type HotkeyState, type PolicyState } from '../../shared/model/desk-state';
import { settingWords } from '../../shared/setting-words';
import type { AuditLog } from '../audit/audit-log';
import { isMonitor, withoutHotkey } from '../monitor/monitor-rules';
import { applyPolicyToSettings, settingsFromPolicy, type Policy } from '../policy/policy';
import type { Clock } from '../ports';
import { setByPolicy, settingsChanged } from './audit-records';
import type { DeskStore } from './store';

export interface SettingsDeps {
  store: DeskStore;
  audit: AuditLog;
  clock: Clock;
  hostName?: string;
  /** A site's name for the operator's messages (its id when the desk does not know it). */
  siteName?(siteId: string): string;
  emit(): void;
}

/** How long "Test your button" listens before main takes its keys back on its own. */
export const BUTTON_TEST_MS = 60_000;

export class SettingsService {
  policy: Policy = {};
  policyView: PolicyState = UNMANAGED;
  hotkey: HotkeyState = {
    registered: false,
    error: null,
    testing: false,
    lastTestOkAt: null,
    siteId: null,
    siteKeys: [],
    buttonTest: false,
  };
  private endButtonTest: (() => void) | null = null;

  constructor(private readonly deps: SettingsDeps) {}

  get current(): Settings {
    return this.deps.store.settings;
  }

  /** The desk's name in the audit log and in messages to AURA: the setting, else the computer's name. */
  deskName(): string {
    return deskNameOf(this.current, this.deps.hostName);
  }

  /**
   * The operator's change; a hotkey or site key main would refuse (a reserved combination, two
   * keys that are one combination) is never saved.
   */
  async change(input: Partial<Settings>): Promise<Settings> {
    // A monitor shows an empty hotkey (issue 24): a saved form must not overwrite the desk's own with it.
    const patch = isMonitor(this.policy) ? withoutHotkey(input) : input;
    const hotkey = patch.hotkey ? checkAccelerator(patch.hotkey) : null;
    if (hotkey && !hotkey.ok) throw new Error(`Hotkey not saved: ${hotkey.error}`);
    const next = hotkey ? { ...patch, hotkey: hotkey.accelerator } : patch;
    if (next.hotkey === undefined && next.siteHotkeys === undefined) return this.update(next);
    const keys = checkSiteHotkeys(
      next.siteHotkeys ?? this.current.siteHotkeys,
      next.hotkey ?? this.current.hotkey,
      this.deps.siteName,
    );
    if (!keys.ok) throw new Error(`${next.siteHotkeys ? 'Site keys' : 'Hotkey'} not saved: ${keys.error}`);
    return this.update(next.siteHotkeys ? { ...next, siteHotkeys: keys.siteHotkeys } : next);
  }

  update(patch: Partial<Settings>): Settings {
    const before = this.current;
    this.deps.store.setSettings(SettingsSchema.parse({ ...before, ...patch }));
    const changed = changedKeys(before, this.current, Object.keys(patch) as Array<keyof Settings>);
    if (changed.length > 0) this.deps.audit.record(...settingsChanged(changed.map(settingWords)));
    this.deps.emit();
    return this.current;
  }

  /** The operator's choice of the sites shown (null: all). */
  async chooseSites(shownSiteIds: Settings['shownSiteIds']): Promise<Record<string, never>> {
    this.update({ shownSiteIds });
    return {};
  }

  /** The operator's choice of shown sites, without a deleted site. */
  unshow(siteId: string): void {
    const shown = this.current.shownSiteIds;
    if (shown?.includes(siteId)) this.update({ shownSiteIds: shown.filter((id) => id !== siteId) });
  }

  /**
   * Applies the administrator's policy (policy.ts): its settings, and what the screen shows as
   * locked. Locked commands are refused by the host before they reach the desk (policy-guard.ts).
   */
  applyPolicy(policy: Policy, view: PolicyState): void {
    const { store } = this.deps;
    this.policy = policy;
    this.policyView = view;
    const appliedBefore = store.readPolicyApplied();
    const before = this.current;
    const next = SettingsSchema.parse(applyPolicyToSettings(before, policy, appliedBefore));
    const changed = changedKeys(before, next, Object.keys(next) as Array<keyof Settings>);
    store.setSettings(next);
    store.savePolicyApplied(settingsFromPolicy(policy));
    if (changed.length > 0) this.deps.audit.record(...setByPolicy(changed));
    this.deps.emit();
  }

  /** Main reports whether the global hotkey (or each site key) could be registered, and why not. */
  setHotkeyStatus(status: HotkeyReport): void {
    this.hotkey = { ...this.hotkey, ...status };
    this.deps.emit();
  }

  /**
   * "Test your button" starts or stops (issue 24). While it listens main releases every global key,
   * so the window sees the button's key; it stops by itself after BUTTON_TEST_MS, so a window
   * closed or lost mid-test never leaves the desk without its keys.
   */
  async testButton(action: 'start' | 'stop'): Promise<Record<string, never>> {
    this.endButtonTest?.();
    this.endButtonTest = null;
    if (action === 'start')
      this.endButtonTest = this.deps.clock.setTimeout(() => void this.testButton('stop'), BUTTON_TEST_MS);
    this.hotkey = { ...this.hotkey, buttonTest: action === 'start' };
    this.deps.emit();
    return {};
  }

  /** The desk stops: no button test outlives it. */
  stop(): void {
    this.endButtonTest?.();
    this.endButtonTest = null;
  }

  /** The operator starts or stops "test the hotkey". */
  async testHotkey(action: 'start' | 'stop'): Promise<Record<string, never>> {
    this.hotkey = { ...this.hotkey, testing: action === 'start' };
    this.deps.emit();
    return {};
  }

  /** The hotkey fired during a test: the test passed (true); false when no test is running. */
  confirmTest(): boolean {
    if (!this.hotkey.testing) return false;
    this.hotkey = { ...this.hotkey, testing: false, lastTestOkAt: this.deps.clock.now() };
    this.deps.emit();
    return true;
  }

  /** The stale-press limit in milliseconds. */
  staleAfterMs(): number {
    return this.current.stalePressMinutes * 60_000;
  }
}

/**
 * The site the silent hotkey raises a panic for: the chosen one; with none chosen, and none set
 * by the policy (IT's `hotkeySite: null` means "no site"), the desk's only shown site; else none.
 */
export function hotkeySiteOf(settings: Settings, policy: Policy, shownSiteIds: readonly string[]): string | null {
  if (settings.hotkeySiteId) return settings.hotkeySiteId;
  if (policy.hotkeySite !== undefined) return null;
  return shownSiteIds.length === 1 ? (shownSiteIds[0] ?? null) : null;
}

/** The desk's name: the setting, else this computer's name. */
export function deskNameOf(settings: Settings, hostName: string | undefined): string {
  return settings.deskName.trim() || hostName || hostname() || 'unnamed desk';
}

function changedKeys(before: Settings, after: Settings, keys: Array<keyof Settings>): Array<keyof Settings> {
  return keys.filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
}
