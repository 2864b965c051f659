// Fault rules: per route and per request count (skip, every, times), latency combined.
import { describe, expect, it } from 'vitest';
import { FaultPlan } from '../../../electron/simulator/faults';

const kinds = (plan: FaultPlan, op: Parameters<FaultPlan['match']>[0], n: number, bearer = true) =>
  Array.from({ length: n }, () => plan.match(op, bearer).fault?.kind ?? '-');

describe('FaultPlan', () => {
  it('applies a rule to every matching route by default and to none other', () => {
    const plan = new FaultPlan();
    plan.set([{ kind: 'error500', route: 'raiseCallout' }]);
    expect(kinds(plan, 'raiseCallout', 3)).toEqual(['error500', 'error500', 'error500']);
    expect(kinds(plan, 'getCallout', 2)).toEqual(['-', '-']);
    plan.set([{ kind: 'error502' }]);
    expect(kinds(plan, 'getCallout', 1)).toEqual(['error502']);
  });

  it('skips the first requests, fires every Nth, at most M times', () => {
    const plan = new FaultPlan();
    plan.set([{ kind: 'reset', route: 'getCallout', skip: 2, every: 2, times: 2 }]);
    expect(kinds(plan, 'getCallout', 9)).toEqual(['-', '-', 'reset', '-', 'reset', '-', '-', '-', '-']);
    expect(plan.list()[0]).toMatchObject({ seen: 9, fired: 2 });
  });

  it('adds latency to another fault, and never expires tokens on the token route', () => {
    const plan = new FaultPlan();
    plan.set([
      { kind: 'latency', latencyMs: 200 },
      { kind: 'latency', latencyMs: 50 },
      { kind: 'tokenExpiry' },
      { kind: 'truncated' },
    ]);
    expect(plan.match('token', false)).toMatchObject({ latencyMs: 250, fault: { kind: 'truncated' } });
    expect(plan.match('listFixedLocations', true)).toMatchObject({ latencyMs: 250, fault: { kind: 'tokenExpiry' } });
  });

  it('refuses an unknown kind or route (the control route answers 400)', () => {
    const plan = new FaultPlan();
    expect(() => plan.set([{ kind: 'meteor' as 'reset' }])).toThrow();
    expect(() => plan.set([{ kind: 'reset', route: 'nowhere' as 'token' }])).toThrow();
    plan.add({ kind: 'rateLimited', times: 1 });
    expect(kinds(plan, 'token', 2, false)).toEqual(['rateLimited', '-']);
    plan.clear();
    expect(plan.list()).toEqual([]);
  });
});
