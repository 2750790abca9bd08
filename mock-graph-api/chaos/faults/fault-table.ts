import type { FaultModule } from './fault-effect.ts';
import { latencyFault } from './latency.ts';
import { malformedFault } from './malformed.ts';
import { rateLimitFault } from './rate-limit.ts';
import { rejectFault } from './reject.ts';
import { resetFault } from './reset.ts';
import { serverErrorFault } from './server-error.ts';
import { timeoutFault } from './timeout.ts';

/** Every fault kind, registered once; the profile schema and the picker both read this table. */
export const FAULT_TABLE = {
  'rate-limit': rateLimitFault,
  'server-error': serverErrorFault,
  reject: rejectFault,
  timeout: timeoutFault,
  reset: resetFault,
  malformed: malformedFault,
  latency: latencyFault,
} as const satisfies Record<string, FaultModule>;

export type FaultKind = keyof typeof FAULT_TABLE;
export const FAULT_KINDS = Object.keys(FAULT_TABLE) as FaultKind[];
