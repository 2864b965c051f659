// The AURA operations the simulator serves, by name: fault rules and the request log use these
// names, so a test can say "fail the raise route" without spelling a path.
export const API_OPERATIONS = [
  'token',
  'listFixedLocations',
  'createFixedLocation',
  'getFixedLocation',
  'updateFixedLocation',
  'deleteFixedLocation',
  'raiseCallout',
  'listActiveCallouts',
  'getCallout',
  'listCalloutEvents',
  'sendCalloutEvent',
  'cancelCallout',
  'listExceptionReasons',
  'addExceptionReason',
  'getCalloutMap',
  'getResolutionReport',
  'updateCalloutLocation',
  'updateLocationAndReturnCallout',
] as const;
export type ApiOperation = (typeof API_OPERATIONS)[number];

/** Method and path of each operation under /panic-api/v2 (INFERRED ones are marked in api.ts). */
export const API_PATHS: Record<ApiOperation, string> = {
  token: 'POST /oauth/token',
  listFixedLocations: 'GET /predefinedLocations',
  createFixedLocation: 'POST /predefinedLocations',
  getFixedLocation: 'GET /predefinedLocations/{id}',
  updateFixedLocation: 'PUT /predefinedLocations/{id}',
  deleteFixedLocation: 'DELETE /predefinedLocations/{id}',
  raiseCallout: 'POST /predefinedLocations/externalRef/{externalReferenceId}/callouts',
  listActiveCallouts: 'GET /callouts/activeCallouts',
  getCallout: 'GET /callouts/{calloutId}',
  listCalloutEvents: 'GET /callouts/{calloutId}/events',
  sendCalloutEvent: 'POST /callouts/{calloutId}/events',
  cancelCallout: 'POST /callouts/{calloutId}/cancel',
  listExceptionReasons: 'GET /callouts/{calloutId}/exceptionReasons',
  addExceptionReason: 'POST /callouts/{calloutId}/exceptionReasons',
  getCalloutMap: 'GET /callouts/{calloutId}/maps',
  getResolutionReport: 'GET /callouts/{calloutId}/resolutionReport',
  updateCalloutLocation: 'POST /callouts/{calloutId}/location',
  updateLocationAndReturnCallout: 'POST /callouts/{calloutId}/updateLocationAndReturnCallout',
};

/** The control routes under /__sim, for `npm run sim` and GET /__sim. */
export const CONTROL_PATHS = [
  'GET    /__sim                          what this simulator serves',
  'GET    /__sim/callouts                 every callout, raw',
  'POST   /__sim/callouts                 {"externalReferenceId": "site_9944"}: a callout raised elsewhere',
  'POST   /__sim/callouts/{id}/advance    {"step": "dispatch|arrive|complete|close|cancel"}',
  'GET    /__sim/autoplay                 the timed script',
  'PUT    /__sim/autoplay                 {"on": true, "timings": {"dispatchMs": 5000, …}}',
  'GET    /__sim/faults                   fault rules and their counters',
  'POST   /__sim/faults                   {"faults": [{"kind": "error502", "route": "raiseCallout", "times": 1}]}',
  'DELETE /__sim/faults                   clear every fault',
  'POST   /__sim/tokens/expire            every issued token expires now',
  'GET    /__sim/requests                 the latest requests received',
  'POST   /__sim/locations                seed a Fixed Location without a token',
] as const;
