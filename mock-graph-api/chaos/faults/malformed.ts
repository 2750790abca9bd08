import { z } from 'zod';
import type { FaultModule } from './fault-effect.ts';

const attributesSchema = z
  .object({
    /** empty: no body; truncated-json: JSON cut mid-way; html: a proxy's HTML error page. */
    variant: z.enum(['empty', 'truncated-json', 'html']).default('truncated-json'),
    httpStatus: z.number().int().min(200).max(599).default(200),
  })
  .strict();

const BODIES = {
  empty: { contentType: 'application/json', body: '' },
  'truncated-json': {
    contentType: 'application/json',
    body: '{"messaging_product":"whatsapp","messages":[{"id":"wamid.',
  },
  html: { contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
} as const;

/** An answer a JSON client cannot parse. */
export const malformedFault: FaultModule<typeof attributesSchema> = {
  kind: 'malformed',
  additive: false,
  attributesSchema,
  toEffect: (a) => ({ type: 'raw', status: a.httpStatus, ...BODIES[a.variant] }),
};
