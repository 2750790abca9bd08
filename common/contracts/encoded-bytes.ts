import { z } from 'zod';

/** A byte array (bit set or saturating u8 counts indexed by delivery seq), deflated and base64-encoded. */
export const encodedBytesSchema = z.object({
  encoding: z.literal('deflate-base64'),
  length: z.number().int().nonnegative(),
  data: z.string(),
});
export type EncodedBytes = z.infer<typeof encodedBytesSchema>;
