import { describe, expect, it } from 'vitest';
import { GRAPH_ERROR_CODES, graphErrorClass } from '../common/core/index.ts';
import { FAULT_TABLE } from './chaos/faults/fault-table.ts';
import { describeGraphError } from './graph-errors.ts';

const ALL_CODES = Object.keys(GRAPH_ERROR_CODES).map(Number);

/** The codes a fault kind's `code` attribute accepts, tried one by one. */
function acceptedCodes(kind: 'rate-limit' | 'server-error' | 'reject'): number[] {
  return ALL_CODES.filter((code) => FAULT_TABLE[kind].attributesSchema.safeParse({ code }).success);
}

describe('the mock answers by the one Graph error-code taxonomy', () => {
  it('words every code of the taxonomy as Cloud API does, with its usual HTTP status', () => {
    for (const code of ALL_CODES) {
      const spec = describeGraphError(code);
      expect(spec.message, String(code)).not.toBe(`(#${code}) Error`);
      expect(spec.status, String(code)).toBe(GRAPH_ERROR_CODES[code]?.httpStatus);
    }
    expect(describeGraphError(2500).status).toBe(400);
  });

  it('lets each fault kind inject exactly the codes of its class', () => {
    expect(acceptedCodes('rate-limit').sort((a, b) => a - b)).toEqual([4, 80007, 130429, 131056]);
    expect(acceptedCodes('server-error').every((code) => graphErrorClass(code) === 'transient')).toBe(true);
    expect(acceptedCodes('server-error')).toHaveLength(4);
    // The reject fault answers 400: every do-not-retry code but the access token's 401.
    expect(acceptedCodes('reject').sort((a, b) => a - b)).toEqual([100, 131008, 131009, 131026, 131047, 131051]);
  });
});
