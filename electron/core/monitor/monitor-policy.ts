// The policy keys of monitor mode and colleague alerts (issue 24 items 2 and 3), spread into
// PolicySchema (core/policy.ts) beside the others, each with its `about` meta for the admin
// templates (`npm run policy:templates`). Kept here so that policy.ts stays within its size.
import { z } from 'zod';

/** What a monitor may do to a callout when the policy allows it (`monitorActions`). */
export const MONITOR_ACTIONS = ['cancel', 'message'] as const;
export type MonitorAction = (typeof MONITOR_ACTIONS)[number];

/** A key's meta: title, description, one example (the admin templates read it). */
export const about = (title: string, description: string, example: unknown) => ({
  title,
  description,
  examples: [example],
});

export const MONITOR_POLICY_KEYS = {
  role: z
    .enum(['desk', 'monitor'])
    .meta(
      about(
        'Desk role',
        'desk: an ordinary desk with PANIC buttons. monitor: a supervisor’s or wallboard’s desk that shows every callout of every site of the AURA client, with no PANIC button and no hotkey; it never raises.',
        'monitor',
      ),
    )
    .optional(),
  monitorActions: z
    .array(z.enum(MONITOR_ACTIONS))
    .max(MONITOR_ACTIONS.length * 2)
    .meta(
      about(
        'Monitor actions',
        'What a monitor may do to a callout, one per line: cancel, message. None (the default): read-only.',
        ['message'],
      ),
    )
    .optional(),
  monitorRevealsDuress: z
    .boolean()
    .meta(
      about(
        'Monitor reveals duress',
        'On: a monitor shows a callout cancelled with a duress code as AURA still has it, with the DURESS event. Off (the default): exactly as a genuinely cancelled one. Only for a control room out of sight of the desks.',
        false,
      ),
    )
    .optional(),
  colleagueAlerts: z
    .enum(['off', 'silent', 'sound'])
    .meta(
      about(
        'Colleague alerts',
        'A system notification and tray state when a callout is raised elsewhere (another desk, AURA’s console) on a site this desk shows: off (the default), silent, or sound. It can reveal a silent press made at the next desk.',
        'silent',
      ),
    )
    .optional(),
};
