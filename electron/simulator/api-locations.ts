// The simulated AURA routes for the token and Fixed Locations (predefinedLocations), raise
// included: one small handler per operation, joined to its method and path in api.ts.
import { locationFields, parse, RaiseBodyA, RaiseBodyB, TokenBody, withoutUnsent } from './api-bodies';
import type { ApiHandler, ApiOptions } from './api-types';
import { fail, type Reply } from './reply';
import { flatCallout, locationView } from './views';
import type { SimLocation } from './world';

function withLocation(opts: ApiOptions, idText: string | undefined, then: (l: SimLocation) => Reply): Reply {
  const l = opts.state.location(Number(idText));
  return l ? then(l) : fail(404, `Predefined location ${idText} not found`);
}

const token: ApiHandler = ({ body }, { shape, issueToken }) => {
  const p = parse(TokenBody, body);
  if (!p.ok) return fail(400, 'clientId and clientSecret are required');
  const grant = issueToken(p.value.clientId, p.value.clientSecret);
  if (!grant) return fail(401, 'Invalid client credentials');
  return {
    status: 200,
    body:
      shape === 'a'
        ? { access_token: grant.token, token_type: 'Bearer', expires_in: grant.expiresIn }
        : { accessToken: grant.token, tokenType: 'Bearer', expiresIn: grant.expiresIn },
  };
};

const listFixedLocations: ApiHandler = ({ query }, { state, shape }) => {
  // Paging is undocumented (aura-api.md §3.1): ignored unless both page and limit are given.
  let all = state.activeLocations();
  const page = Number(query.get('page'));
  const limit = Number(query.get('limit'));
  if (Number.isInteger(page) && page >= 1 && Number.isInteger(limit) && limit >= 1) {
    all = all.slice((page - 1) * limit, page * limit);
  }
  return { status: 200, body: all.map((l) => locationView(shape, l)) };
};

const createFixedLocation: ApiHandler = ({ body }, { state, shape }) => {
  const fields = locationFields(shape, body, true);
  if (!fields.ok) return fields.reply;
  const ref = fields.value.externalReferenceId;
  // Undocumented (INFERRED): a duplicate reference is a conflict.
  if (state.locationByRef(ref)) return fail(409, `externalReferenceId ${ref} already exists`);
  return { status: 201, body: locationView(shape, state.addLocation(fields.value)) };
};

const raiseCallout: ApiHandler = ({ body, params: [refText] }, { state, shape }) => {
  const ref = decodeURIComponent(refText ?? '');
  const loc = state.locationByRef(ref);
  // Documented quirk: an unknown (or deleted) externalRef is a 400 with a message, never a 404.
  if (!loc) return fail(400, `No predefined location found for externalReferenceId ${ref}`);
  const p = shape === 'a' ? parse(RaiseBodyA, body) : parse(RaiseBodyB, body);
  if (!p.ok) return p.reply;
  const { callout, existing } = state.raise(loc, p.value);
  // The active callout comes back with 200 and its own message; a new one with 201.
  const status = existing ? 200 : 201;
  if (shape === 'a') return { status, body: flatCallout(callout) };
  return {
    status,
    body: {
      message: existing ? 'Active callout already exists for this location' : 'Callout created',
      installerIdentifier: callout.installerIdentifier,
      externalReferenceId: ref,
      callout: flatCallout(callout),
    },
  };
};

const getFixedLocation: ApiHandler = ({ params: [id] }, opts) =>
  withLocation(opts, id, (l) => ({ status: 200, body: locationView(opts.shape, l) }));

const updateFixedLocation: ApiHandler = ({ body, params: [id] }, opts) =>
  withLocation(opts, id, (l) => {
    const { state, shape } = opts;
    const fields = locationFields(shape, body, false);
    if (!fields.ok) return fields.reply;
    const other = state.locationByRef(fields.value.externalReferenceId);
    if (other && other.id !== l.id) {
      return fail(409, `externalReferenceId ${fields.value.externalReferenceId} already exists`);
    }
    const patch = shape === 'a' ? withoutUnsent(fields.value, body) : fields.value;
    return { status: 200, body: locationView(shape, state.updateLocation(l.id, patch) ?? l) };
  });

const deleteFixedLocation: ApiHandler = ({ params: [id] }, opts) =>
  withLocation(opts, id, (l) => {
    opts.state.deleteLocation(l.id);
    // Undocumented (INFERRED "probably 200 or 204"): Set B says so in words, Set A says nothing.
    return opts.shape === 'a' ? { status: 204 } : { status: 200, body: { message: 'Predefined location deleted' } };
  });

export const LOCATION_HANDLERS = {
  token,
  listFixedLocations,
  createFixedLocation,
  raiseCallout,
  getFixedLocation,
  updateFixedLocation,
  deleteFixedLocation,
} satisfies Record<string, ApiHandler>;
