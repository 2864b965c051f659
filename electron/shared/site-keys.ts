// A key per site (issue 24): each site may have its own silent key besides the one global hotkey,
// so a guardhouse with three gates has three pedals. Pure, no Electron: core (settings.update
// refuses what main would refuse), main (what to register) and the renderer ("Test your button")
// ask the same rules. Each key obeys the hotkey's rule (shared/accelerator.ts), and no two keys of
// the desk may be the same combination: one press must raise exactly one site.
import { checkAccelerator } from './accelerator';

/** What main should do with one site's key: register `accelerator`, or report `error`. */
export interface SiteKeyPlan {
  siteId: string;
  /** The canonical accelerator (or the text as written when it is not one). */
  accelerator: string;
  error: string | null;
}

/**
 * One combination however it is spelled: modifiers in any order, and Control, Command and
 * CommandOrControl taken as the same key (they are, on one platform or the other), so a clash is
 * never missed on any desk.
 */
function combinationOf(accelerator: string): string {
  const check = checkAccelerator(accelerator);
  const text = check.ok ? check.accelerator : accelerator.trim();
  const parts = text.split('+');
  const key = (parts.pop() ?? '').toLowerCase();
  const same: Record<string, string> = { Control: 'CommandOrControl', Command: 'CommandOrControl', Meta: 'Super' };
  return [...parts.map((m) => same[m] ?? m).sort(), key].join('+');
}

/** Whether two accelerators are one combination (see combinationOf). */
export function sameCombination(a: string, b: string): boolean {
  return a.trim() !== '' && b.trim() !== '' && combinationOf(a) === combinationOf(b);
}

/**
 * Each site key checked: the hotkey's rules, not the silent hotkey, not another site's key, and
 * (when the site list is known) a site the list still has. A key in error is never registered.
 * `knownSiteIds` null: the site list is not known yet (no sync since start), so no site is "gone".
 */
export function planSiteKeys(
  siteHotkeys: Readonly<Record<string, string>>,
  hotkey: string,
  knownSiteIds: readonly string[] | null,
  nameOf: (siteId: string) => string = (siteId) => siteId,
): SiteKeyPlan[] {
  const plans: SiteKeyPlan[] = [];
  for (const [siteId, written] of Object.entries(siteHotkeys)) {
    if (!written.trim()) continue;
    const check = checkAccelerator(written);
    const accelerator = check.ok ? check.accelerator : written;
    const site = nameOf(siteId);
    const clash = plans.find((p) => sameCombination(p.accelerator, accelerator));
    let error: string | null = null;
    if (!check.ok) error = `The key "${written}" for ${site} cannot be used: ${check.error}`;
    else if (sameCombination(hotkey, accelerator)) {
      error = `The key ${accelerator} for ${site} is already the silent hotkey: give the site another key`;
    } else if (clash) {
      error = `${site} and ${nameOf(clash.siteId)} have the same key (${accelerator}): give each site its own`;
    } else if (knownSiteIds && !knownSiteIds.includes(siteId)) {
      error = `The key ${accelerator} is set for site "${siteId}", which is no longer in the site list: it raises nothing`;
    }
    plans.push({ siteId, accelerator, error });
  }
  return plans;
}

/**
 * The operator's site keys as they may be saved: every key canonical, or the first problem (an
 * unsafe key, a clash). A site no longer listed is not a reason to refuse a save: that is shown.
 */
export function checkSiteHotkeys(
  siteHotkeys: Readonly<Record<string, string>>,
  hotkey: string,
  nameOf?: (siteId: string) => string,
): { ok: true; siteHotkeys: Record<string, string> } | { ok: false; error: string } {
  const plans = planSiteKeys(siteHotkeys, hotkey, null, nameOf);
  const problem = plans.find((p) => p.error !== null);
  if (problem?.error) return { ok: false, error: problem.error };
  return { ok: true, siteHotkeys: Object.fromEntries(plans.map((p) => [p.siteId, p.accelerator])) };
}

/** The site a key would raise: a site's own key first, else the silent hotkey's site; null: none. */
export function siteForKey(
  accelerator: string,
  siteHotkeys: Readonly<Record<string, string>>,
  hotkey: { accelerator: string; siteId: string | null },
): { siteId: string; via: 'siteKey' | 'hotkey' } | null {
  for (const [siteId, key] of Object.entries(siteHotkeys)) {
    if (sameCombination(key, accelerator)) return { siteId, via: 'siteKey' };
  }
  if (hotkey.siteId && sameCombination(hotkey.accelerator, accelerator))
    return { siteId: hotkey.siteId, via: 'hotkey' };
  return null;
}
