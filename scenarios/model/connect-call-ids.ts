/**
 * The call ids of `connect` events in a webhook body (calls field), in order; [] for anything
 * else. Text-level (the body is the harness's own rendered fixture): a call object's `id` comes
 * before its `event` with no nested object between them (Meta's order and our fixtures').
 */
export function connectCallIds(body: string): string[] {
  if (!body.includes('"connect"')) return [];
  const ids: string[] = [];
  for (const match of body.matchAll(/"id":"([^"]+)"[^{}]*?"event":"connect"/g)) ids.push(match[1]!);
  return ids;
}
