// The simulator's own control routes, outside AURA's paths (under /__sim/): the responder
// control (step a callout), autoplay, fault injection, token expiry, the request log and seeding.
// Training mode's TrainingControl (core/training.ts) drives these over HTTP.
import { z } from 'zod';
import { FaultRulesSchema, type FaultPlan } from './faults';
import { fail, type Reply } from './reply';
import { isSimStep, SIM_STEPS, type SimulatorState } from './state';
import type { TokenStore } from './tokens';
import { AutoplayTimingsSchema } from './world';

export const CONTROL_PREFIX = '/__sim';

export interface ControlRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  pattern: RegExp;
  handle(body: unknown, params: string[]): Reply;
}

export interface ControlDeps {
  state: SimulatorState;
  faults: FaultPlan;
  tokens: TokenStore;
  recentRequests(): unknown[];
  info(): Record<string, unknown>;
}

const AutoplayBody = z
  .object({ on: z.boolean().optional(), timings: AutoplayTimingsSchema.partial().optional() })
  .strict();
const RaiseBody = z.object({ externalReferenceId: z.string().trim().min(1).max(200) }).strict();
const SeedLocationBody = z
  .object({
    externalReferenceId: z.string().trim().min(1).max(200),
    locationIdentifier: z.string().trim().min(1).max(300),
    latitude: z.union([z.string(), z.number()]).transform(String),
    longitude: z.union([z.string(), z.number()]).transform(String),
    formattedAddress: z.string().nullish(),
  })
  .strict();

function invalid(error: z.ZodError): Reply {
  const issue = error.issues[0];
  return fail(400, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
}

type ControlHandler = (body: unknown, params: string[], deps: ControlDeps) => Reply;

const ok = (body: unknown): Reply => ({ status: 200, body });

function setAutoplay(body: unknown, _params: string[], { state }: ControlDeps): Reply {
  const p = AutoplayBody.safeParse(body ?? {});
  if (!p.success) return invalid(p.error);
  state.setAutoplay(p.data);
  return ok(state.autoplay);
}

function setFaults(body: unknown, _params: string[], { faults }: ControlDeps): Reply {
  const p = FaultRulesSchema.safeParse(body ?? {});
  if (!p.success) return invalid(p.error);
  faults.set(p.data.faults);
  return ok({ faults: faults.list() });
}

/** A callout raised by someone other than the desk (another desk, an alarm panel, the control room). */
function raiseElsewhere(body: unknown, _params: string[], { state }: ControlDeps): Reply {
  const p = RaiseBody.safeParse(body ?? {});
  if (!p.success) return invalid(p.error);
  const loc = state.locationByRef(p.data.externalReferenceId);
  if (!loc) return fail(400, `Predefined location with externalReferenceId ${p.data.externalReferenceId} not found`);
  const { callout, existing } = state.raise(loc, {});
  return { status: existing ? 200 : 201, body: callout };
}

function advance(body: unknown, [id]: string[], { state }: ControlDeps): Reply {
  const step = body && typeof body === 'object' ? (body as Record<string, unknown>).step : undefined;
  if (!isSimStep(step)) return fail(400, `step must be one of ${SIM_STEPS.join(', ')}`);
  return state.advance(Number(id), step);
}

function seedLocation(body: unknown, _params: string[], { state }: ControlDeps): Reply {
  const p = SeedLocationBody.safeParse(body ?? {});
  if (!p.success) return invalid(p.error);
  if (state.locationByRef(p.data.externalReferenceId)) {
    return fail(409, `externalReferenceId ${p.data.externalReferenceId} already exists`);
  }
  return { status: 201, body: state.addLocation({ ...p.data, formattedAddress: p.data.formattedAddress ?? null }) };
}

function clearFaults(_body: unknown, _params: string[], { faults }: ControlDeps): Reply {
  faults.clear();
  return ok({ faults: [] });
}

function expireTokens(_body: unknown, _params: string[], { tokens }: ControlDeps): Reply {
  tokens.expireAll();
  return ok({ expired: true });
}

const CONTROL_TABLE: Array<[ControlRoute['method'], RegExp, ControlHandler]> = [
  ['GET', /^$/, (_b, _p, deps) => ok(deps.info())],
  ['GET', /^\/callouts$/, (_b, _p, { state }) => ok(state.allCallouts())],
  ['POST', /^\/callouts$/, raiseElsewhere],
  ['POST', /^\/callouts\/(\d+)\/advance$/, advance],
  ['GET', /^\/autoplay$/, (_b, _p, { state }) => ok(state.autoplay)],
  ['PUT', /^\/autoplay$/, setAutoplay],
  ['POST', /^\/autoplay$/, setAutoplay],
  ['GET', /^\/faults$/, (_b, _p, { faults }) => ok({ faults: faults.list() })],
  ['PUT', /^\/faults$/, setFaults],
  ['POST', /^\/faults$/, setFaults],
  ['DELETE', /^\/faults$/, clearFaults],
  ['POST', /^\/tokens\/expire$/, expireTokens],
  ['GET', /^\/requests$/, (_b, _p, deps) => ok(deps.recentRequests())],
  ['POST', /^\/locations$/, seedLocation],
];

export function controlRoutes(deps: ControlDeps): ControlRoute[] {
  return CONTROL_TABLE.map(([method, pattern, handler]) => ({
    method,
    pattern,
    handle: (body, params) => handler(body, params, deps),
  }));
}
