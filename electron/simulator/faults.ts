// Fault injection on the AURA routes (never on /__sim/): per route (operation name or '*') and
// per request count (skip the first N matching requests, fire every Nth, at most M times).
// The kinds include those of the app's Training mode (shared/model/desk-state.ts FAULT_KINDS).
import { z } from 'zod';
import { FAULT_KINDS } from '../shared/model/desk-state';
import { API_OPERATIONS, type ApiOperation } from './operations';

/**
 * The kinds, shared with the app's Training mode (shared/model/desk-state.ts FAULT_KINDS):
 * - latency: answer late by `latencyMs` (combines with any other fault);
 * - reset: destroy the connection, before handling or after it with `afterHandling` (outcome unknown);
 * - error500: 500 with a JSON message; error502: 502 with an HTML page, as a gateway sends it;
 * - rateLimited: 429 with Retry-After: `retryAfterSeconds`;
 * - truncated: handle the request, then send only the first half of the JSON body;
 * - tokenExpiry: expire every issued token now, so this request's bearer gets a 401 (bearer routes only);
 * - refuse401 / refuse400 (tests only): answer 401 or 400 without handling the request;
 * - hold (tests only): a hung VPN or firewall: answer nothing for `latencyMs`, then drop the
 *   connection without handling the request (AURA never heard of it).
 */
export const SIM_FAULT_KINDS = [
  ...FAULT_KINDS,
  // Test-only refusals, e.g. a hiccup of the token route: 401 or 400 with AURA's JSON message.
  'refuse401',
  'refuse400',
  // Test-only: the request hangs for latencyMs and never reaches AURA (issue 23: AURA holding the raise).
  'hold',
] as const;
export type SimFaultKind = (typeof SIM_FAULT_KINDS)[number];

export const FaultRuleSchema = z
  .object({
    kind: z.enum(SIM_FAULT_KINDS),
    route: z.union([z.literal('*'), z.enum(API_OPERATIONS)]).default('*'),
    /** Let this many matching requests through first. */
    skip: z.number().int().min(0).default(0),
    /** Then fire on every `every`-th matching request… */
    every: z.number().int().min(1).default(1),
    /** …at most this many times (null: for as long as the rule is set). */
    times: z.number().int().min(1).nullable().default(null),
    latencyMs: z.number().int().min(0).max(120_000).default(1500),
    // Up to 999,999,999 s: tests send hostile values to prove the client caps them.
    retryAfterSeconds: z.number().int().min(0).max(999_999_999).default(2),
    afterHandling: z.boolean().default(false),
  })
  .strict();
export type FaultRule = z.output<typeof FaultRuleSchema>;
export type FaultRuleInput = z.input<typeof FaultRuleSchema>;
export const FaultRulesSchema = z.object({ faults: z.array(FaultRuleSchema).max(50) }).strict();

export interface FaultMatch {
  /** Total delay from every latency rule that fired. */
  latencyMs: number;
  /** The first non-latency rule that fired, if any. */
  fault: FaultRule | null;
}

type LiveRule = FaultRule & { seen: number; fired: number };

export class FaultPlan {
  private rules: LiveRule[] = [];

  /** Replaces every rule (counters start again). Throws a ZodError for a bad rule. */
  set(rules: readonly FaultRuleInput[]): void {
    this.rules = rules.map((r) => ({ ...FaultRuleSchema.parse(r), seen: 0, fired: 0 }));
  }

  add(rule: FaultRuleInput): void {
    this.rules.push({ ...FaultRuleSchema.parse(rule), seen: 0, fired: 0 });
  }

  clear(): void {
    this.rules = [];
  }

  list(): Array<FaultRule & { seen: number; fired: number }> {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Counts a request against every rule whose route matches and says which faults fire. */
  match(op: ApiOperation, bearer: boolean): FaultMatch {
    let latencyMs = 0;
    let fault: FaultRule | null = null;
    for (const rule of this.rules) {
      if (rule.route !== '*' && rule.route !== op) continue;
      if (rule.kind === 'tokenExpiry' && !bearer) continue;
      rule.seen += 1;
      const n = rule.seen - rule.skip;
      const due = n > 0 && (n - 1) % rule.every === 0 && (rule.times === null || rule.fired < rule.times);
      if (!due) continue;
      if (rule.kind === 'latency') {
        rule.fired += 1;
        latencyMs += rule.latencyMs;
      } else if (!fault) {
        rule.fired += 1;
        fault = rule;
      }
    }
    return { latencyMs, fault };
  }
}
