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

export function controlRoutes(deps: ControlDeps): ControlRoute[] {
  const { state, faults, tokens } = deps;
  const setAutoplay = (body: unknown): Reply => {
    const p = AutoplayBody.safeParse(body ?? {});
    if (!p.success) return invalid(p.error);
    state.setAutoplay(p.data);
    return { status: 200, body: state.autoplay };
  };
  const setFaults = (body: unknown): Reply => {
    const p = FaultRulesSchema.safeParse(body ?? {});
    if (!p.success) return invalid(p.error);
    faults.set(p.data.faults);
    return { status: 200, body: { faults: faults.list() } };
  };
  return [
    { method: 'GET', pattern: /^$/, handle: () => ({ status: 200, body: deps.info() }) },
    { method: 'GET', pattern: /^\/callouts$/, handle: () => ({ status: 200, body: state.allCallouts() }) },
    {
      // A callout raised by someone other than the desk (another desk, an alarm panel, the control room).
      method: 'POST',
      pattern: /^\/callouts$/,
      handle: (body) => {
        const p = RaiseBody.safeParse(body ?? {});
        if (!p.success) return invalid(p.error);
        const loc = state.locationByRef(p.data.externalReferenceId);
        if (!loc)
          return fail(400, `Predefined location with externalReferenceId ${p.data.externalReferenceId} not found`);
        const { callout, existing } = state.raise(loc, {});
        return { status: existing ? 200 : 201, body: callout };
      },
    },
    {
      method: 'POST',
      pattern: /^\/callouts\/(\d+)\/advance$/,
      handle: (body, [id]) => {
        const step = body && typeof body === 'object' ? (body as Record<string, unknown>).step : undefined;
        if (!isSimStep(step)) return fail(400, `step must be one of ${SIM_STEPS.join(', ')}`);
        return state.advance(Number(id), step);
      },
    },
    { method: 'GET', pattern: /^\/autoplay$/, handle: () => ({ status: 200, body: state.autoplay }) },
    { method: 'PUT', pattern: /^\/autoplay$/, handle: setAutoplay },
    { method: 'POST', pattern: /^\/autoplay$/, handle: setAutoplay },
    { method: 'GET', pattern: /^\/faults$/, handle: () => ({ status: 200, body: { faults: faults.list() } }) },
    { method: 'PUT', pattern: /^\/faults$/, handle: setFaults },
    { method: 'POST', pattern: /^\/faults$/, handle: setFaults },
    {
      method: 'DELETE',
      pattern: /^\/faults$/,
      handle: () => {
        faults.clear();
        return { status: 200, body: { faults: [] } };
      },
    },
    {
      method: 'POST',
      pattern: /^\/tokens\/expire$/,
      handle: () => {
        tokens.expireAll();
        return { status: 200, body: { expired: true } };
      },
    },
    { method: 'GET', pattern: /^\/requests$/, handle: () => ({ status: 200, body: deps.recentRequests() }) },
    {
      method: 'POST',
      pattern: /^\/locations$/,
      handle: (body) => {
        const p = SeedLocationBody.safeParse(body ?? {});
        if (!p.success) return invalid(p.error);
        if (state.locationByRef(p.data.externalReferenceId)) {
          return fail(409, `externalReferenceId ${p.data.externalReferenceId} already exists`);
        }
        return {
          status: 201,
          body: state.addLocation({ ...p.data, formattedAddress: p.data.formattedAddress ?? null }),
        };
      },
    },
  ];
}
