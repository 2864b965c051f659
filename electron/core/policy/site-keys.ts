// The policy key `siteHotkeys` (issue 24): IT presets each site's own silent key, checked as the
// operator's keys are (typing-safe, not reserved, no two sites alike). A clash with the silent
// hotkey is reported by the desk when it registers the keys, since the hotkey may be the operator's.
// Its entry (words, registry type, lock) is in core/policy-keys.ts.
import { SiteHotkeysSchema } from '../../shared/model/settings';
import { checkSiteHotkeys } from '../../shared/site-keys';

export const SiteHotkeysPolicySchema = SiteHotkeysSchema.refine((keys) => checkSiteHotkeys(keys, '').ok, {
  error: (issue) => {
    const check = checkSiteHotkeys(issue.input as Record<string, string>, '');
    return check.ok ? 'invalid' : check.error;
  },
});
