import { describe, expect, it } from 'vitest';
import { createStopStack } from './stop-stack.ts';

describe('createStopStack', () => {
  it('stops the last started first (the target before the mock before Redis)', async () => {
    const stopped: string[] = [];
    const stops = createStopStack();
    for (const name of ['redis', 'mock', 'connector', 'dashboard']) stops.push(() => stopped.push(name));
    await stops.unwind();
    expect(stopped).toEqual(['dashboard', 'connector', 'mock', 'redis']);
  });

  it('waits for each stop before the next one starts', async () => {
    const events: string[] = [];
    const stops = createStopStack();
    stops.push(() => events.push('mock stopped'));
    stops.push(async () => {
      events.push('connector stopping');
      await Promise.resolve();
      events.push('connector stopped');
    });
    await stops.unwind();
    expect(events).toEqual(['connector stopping', 'connector stopped', 'mock stopped']);
  });

  it('runs every stop when one throws, then throws the first error', async () => {
    const stopped: string[] = [];
    const stops = createStopStack();
    stops.push(() => stopped.push('redis'));
    stops.push(() => {
      throw new Error('mock would not stop');
    });
    stops.push(() => Promise.reject(new Error('connector would not stop')));
    stops.push(() => stopped.push('dashboard'));
    await expect(stops.unwind()).rejects.toThrow('connector would not stop');
    expect(stopped).toEqual(['dashboard', 'redis']);
  });

  it('stops each thing once, even when unwound twice', async () => {
    let stops = 0;
    const stack = createStopStack();
    stack.push(() => stops++);
    await stack.unwind();
    await stack.unwind();
    expect(stops).toBe(1);
  });
});
