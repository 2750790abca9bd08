import type { z } from 'zod';
import { formatPath } from '../../common/node/index.ts';
import { describeGraphError, type GraphErrorSpec } from '../graph-errors.ts';

/** Maps the first zod issue to Graph's codes: 131008 missing parameter, 131009 bad value, 100 otherwise. */
export function describeZodError(error: z.ZodError): GraphErrorSpec {
  const issue = error.issues[0];
  if (!issue) return describeGraphError(100);
  const where = formatPath(issue.path);
  const details = `${where}: ${issue.message}`;
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message))
    return describeGraphError(131008, { details });
  if (
    issue.code === 'too_big' ||
    issue.code === 'too_small' ||
    issue.code === 'invalid_format' ||
    issue.code === 'custom'
  ) {
    return describeGraphError(131009, { details });
  }
  return describeGraphError(100, { details });
}
