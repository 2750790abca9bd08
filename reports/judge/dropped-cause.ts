/**
 * Who dropped deliveries, by engine: the Node engine drops at maxInFlight; k6 reports its own
 * `dropped_iterations` (an arrival found no free VU while k6 started more, or maxVUs was
 * reached), which is a different cause with a different fix.
 */
export function droppedByK6(engineName: string): boolean {
  return engineName.split('+').includes('k6');
}

export const K6_DROPPED =
  "dropped by k6 (k6's dropped_iterations: the arrival found no free VU while k6 started more, or maxVUs = maxInFlight + the VUs late copies hold was reached)";
