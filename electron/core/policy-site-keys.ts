// The policy key `siteHotkeys` (issue 24): IT presets each site's own silent key, checked as the
// operator's keys are (typing-safe, not reserved, no two sites alike). A clash with the silent
// hotkey is reported by the desk when it registers the keys, since the hotkey may be the operator's.
import { SiteHotkeysSchema } from '../shared/model/settings';
import { checkSiteHotkeys } from '../shared/site-keys';

const example = { site_9944: 'F13', site_9945: 'F14' };

export const SiteHotkeysPolicySchema = SiteHotkeysSchema.refine((keys) => checkSiteHotkeys(keys, '').ok, {
  error: (issue) => {
    const check = checkSiteHotkeys(issue.input as Record<string, string>, '');
    return check.ok ? 'invalid' : check.error;
  },
}).meta({
  title: 'Site keys',
  description:
    'Each site’s own silent key (a USB panic button or foot pedal): {"<external reference id>": "<accelerator>"} (JSON text in the registry).',
  examples: [example],
});
