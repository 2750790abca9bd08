import { describeGraphError } from '../graph-errors.ts';
import { respondJson } from '../outcome.ts';
import type { GraphRoute } from './step.ts';

/** GET /{v}/{phone-number-id} → the number's profile; `?fields=a,b` narrows it like Graph does. */
export const phoneNumberRoute: GraphRoute = {
  endpoint: 'phone-number',
  method: 'GET',
  path: '/:version/:nodeId',
  phoneNumberId: (params) => params.nodeId,
  handle(request, params, context) {
    const id = params.nodeId ?? '';
    if (!/^\d{1,20}$/.test(id)) {
      return {
        type: 'fail',
        spec: describeGraphError(100, {
          subcode: 33,
          message: `Unsupported get request. Object with ID '${id.slice(0, 40)}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        }),
      };
    }
    const throughput = context.config.throughputPerS;
    const profile: Record<string, unknown> = {
      verified_name: 'Mock Business',
      code_verification_status: 'VERIFIED',
      display_phone_number: `+1 555-${id.slice(-4).padStart(4, '0')}`,
      quality_rating: 'GREEN',
      platform_type: 'CLOUD_API',
      throughput: { level: throughput === 'off' || throughput > 80 ? 'HIGH' : 'STANDARD' },
      id,
    };
    const fields = request.query.get('fields');
    const body = fields
      ? Object.fromEntries(Object.entries(profile).filter(([k]) => k === 'id' || fields.split(',').includes(k)))
      : profile;
    return { type: 'effect', commit: () => respondJson(200, body) };
  },
};
