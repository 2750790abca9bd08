import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connectCallIds } from './connect-call-ids.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/corpus/${name}.json`, import.meta.url), 'utf8')
    .replaceAll('{{call_id:0}}', 'wacid.ABC')
    .replace(/\{\{[^}]+\}\}/g, 'x'); // placeholders rendered, as in a real delivery

describe('connectCallIds', () => {
  it('finds the call id of a connect event and none in a terminate', () => {
    expect(connectCallIds(fixture('calls-connect'))).toEqual(['wacid.ABC']);
    expect(connectCallIds(fixture('calls-terminate'))).toEqual([]);
  });
});
