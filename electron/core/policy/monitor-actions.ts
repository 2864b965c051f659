// What a monitor may do to a callout when the policy allows it (`monitorActions`, issue 24 item 2).
// The policy keys of monitor mode and colleague alerts are entries of core/policy-keys.ts.

export const MONITOR_ACTIONS = ['cancel', 'message'] as const;
export type MonitorAction = (typeof MONITOR_ACTIONS)[number];
