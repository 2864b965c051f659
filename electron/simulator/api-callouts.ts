// The simulated AURA routes under /callouts, with their documented quirks: 285 on location
// updates once closed, report and map only after close. One small handler per operation, joined
// to its method and path in api.ts.
import { CalloutLocationBody, CancelBody, EventBody, parse, ReasonBody } from './api-bodies';
import type { ApiHandler, ApiOptions } from './api-types';
import { fail, type Reply } from './reply';
import { EXCEPTION_REASONS } from './state';
import { calloutRead, flatCallout } from './views';
import type { SimCallout } from './world';

function withCallout(opts: ApiOptions, idText: string | undefined, then: (c: SimCallout) => Reply): Reply {
  const c = opts.state.callout(Number(idText));
  return c ? then(c) : fail(404, `Callout ${idText} not found`);
}

/** A handler for /callouts/{id}/…: a 404 for an unknown callout, else `then`. */
const onCallout =
  (then: (c: SimCallout, ctx: Parameters<ApiHandler>[0], opts: ApiOptions) => Reply): ApiHandler =>
  (ctx, opts) =>
    withCallout(opts, ctx.params[0], (c) => then(c, ctx, opts));

const notClosedYet = (what: string, c: SimCallout): Reply | null =>
  c.phase === 'closed' ? null : fail(404, `The ${what} of callout ${c.id} is available once the callout is closed`);

const listActiveCallouts: ApiHandler = (_ctx, { state, shape }) => {
  const list = state.activeCallouts().map(flatCallout);
  // Set A documents a bare array; whether Set B wraps it is open, so the B simulator does.
  return { status: 200, body: shape === 'a' ? list : { message: 'Active callouts retrieved', callouts: list } };
};

const getCallout = onCallout((c, _ctx, { shape, closedGet285 }) => ({
  status: closedGet285 && c.phase === 'closed' ? 285 : 200,
  body: calloutRead(shape, c, 'Callout retrieved'),
}));

const listCalloutEvents = onCallout((c, _ctx, { state }) => ({
  status: 200,
  body: state.eventsOf(c.id).map(eventView),
}));

const sendCalloutEvent = onCallout((c, { body }, { state }) => {
  const p = parse(EventBody, body);
  if (!p.ok) return p.reply;
  return { status: 201, body: eventView(state.addEvent(c.id, p.value.message)) };
});

// No callout lookup first: the state's cancel answers an unknown callout itself.
const cancelCallout: ApiHandler = ({ body, params: [id] }, { state, shape }) => {
  const p = parse(CancelBody, body);
  if (!p.ok) return p.reply;
  const result = state.cancel(Number(id), p.value.safeCode ?? null);
  if ('refused' in result) return result.refused;
  // Set A: the flat callout; Set B: `{ callout }` (no message).
  const c = result.callout;
  return {
    status: 200,
    body: shape === 'a' ? flatCallout(c) : { callout: (calloutRead(shape, c, '') as { callout: unknown }).callout },
  };
};

const listExceptionReasons = onCallout(() => ({ status: 200, body: EXCEPTION_REASONS.map((r) => ({ ...r })) }));

const addExceptionReason = onCallout((c, { body }, { state }) => {
  const p = parse(ReasonBody, body);
  if (!p.ok) return p.reply;
  const reason = EXCEPTION_REASONS.find((r) => r.id === p.value.exceptionReasonId);
  if (!reason) return fail(400, `Unknown exceptionReasonId ${p.value.exceptionReasonId}`);
  const record = state.addReason(c.id, reason.id, p.value.notes ?? null);
  return { status: 201, body: { id: record.id, reason: reason.reason } };
});

const getCalloutMap = onCallout((c) => notClosedYet('map', c) ?? { status: 200, body: mapView(c) });

const getResolutionReport = onCallout((c, _ctx, { shape }) => {
  const notYet = notClosedYet('resolution report', c);
  if (notYet) return notYet;
  const report = reportView(c);
  return { status: 200, body: shape === 'a' ? report : { message: 'Resolution report generated', report } };
});

const updateCalloutLocation = onCallout((c, { body }, { shape }) => {
  // Documented: once closed, location updates get 285 with the latest callout state.
  if (c.phase === 'closed') return { status: 285, body: calloutRead(shape, c, 'Callout is closed') };
  const p = parse(CalloutLocationBody, body);
  if (!p.ok) return p.reply;
  return { status: 200, body: { message: 'Request completed successfully.' } };
});

const updateLocationAndReturnCallout = onCallout((c, { body }, { shape }) => {
  if (c.phase === 'closed') return { status: 285, body: calloutRead(shape, c, 'Callout is closed') };
  const p = parse(CalloutLocationBody, body);
  if (!p.ok) return p.reply;
  return { status: 200, body: calloutRead(shape, c, 'Callout retrieved') };
});

export const CALLOUT_HANDLERS = {
  listActiveCallouts,
  getCallout,
  listCalloutEvents,
  sendCalloutEvent,
  cancelCallout,
  listExceptionReasons,
  addExceptionReason,
  getCalloutMap,
  getResolutionReport,
  updateCalloutLocation,
  updateLocationAndReturnCallout,
} satisfies Record<string, ApiHandler>;

function eventView(e: { id: number; calloutId: number; message: string; createdAt: string }): Record<string, unknown> {
  return { id: e.id, calloutId: e.calloutId, message: e.message, createdAt: e.createdAt };
}

function mapView(c: SimCallout): Record<string, unknown> {
  return { url: `https://maps.aura.services/static/callouts/${c.id}/map.png`, image: null };
}

function seconds(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}

function reportView(c: SimCallout): Record<string, unknown> {
  const outcome = c.cancelledAt ? 'Cancelled' : c.completedAt ? 'Responder completed' : 'Closed without response';
  return {
    calloutId: c.id,
    outcome,
    responseTimeSeconds: seconds(c.createdAt, c.arrivedAt),
    resolutionTimeSeconds: seconds(c.createdAt, c.closedAt),
    reportUrl: `https://reports.aura.services/callouts/${c.id}/resolution.pdf`,
  };
}
