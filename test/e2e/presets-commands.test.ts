import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../common/contracts/index.ts';
import { gate, runPreset } from '../helpers/run-preset.ts';

describe("a preset's own target command", () => {
  it('starts the example connector of its shape when no target is named, supervises it and passes', async () => {
    const r = await runPreset(['--preset', 'fastapi-bot', '--scenario', 'smoke', '--duration', '5'], {
      presetTarget: true,
    });
    const supervised = r.json<RunRecord>('run-record.json').supervised;
    expect(supervised?.command).toBe('exec /usr/bin/python3 app.py');
    expect(supervised?.envNames).toEqual(expect.arrayContaining(['PORT', 'WHATSAPP_APP_SECRET', 'GRAPH_BASE_URL']));
    expect(r.text('target.log')).toMatch(/uvicorn|Uvicorn|started|listening/i);
    for (const id of ['peak-rss', 'health', 'log-hygiene', 'ack-p99', 'lost'])
      expect(gate(r, id)?.verdict, id).toBe('pass');
    expect(r.exitCode, r.log).toBe(0);
  }, 90_000);
});
