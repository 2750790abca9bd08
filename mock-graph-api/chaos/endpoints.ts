import { z } from 'zod';

/** Graph endpoints by name, as used in fault scopes, metrics and the route table. */
export const ENDPOINT_NAMES = [
  'messages',
  'media-upload',
  'media-get',
  'media-download',
  'media-delete',
  'phone-number',
  'calls',
] as const;
export const endpointNameSchema = z.enum(ENDPOINT_NAMES);
export type EndpointName = z.infer<typeof endpointNameSchema>;
