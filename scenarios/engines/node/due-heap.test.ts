import { describe, expect, it } from 'vitest';
import { drawUniform } from '../../model/index.ts';
import { DueHeap } from './due-heap.ts';

describe('DueHeap', () => {
  it('hands over items in due order whatever order they were pushed in, only once due', () => {
    const heap = new DueHeap<number>();
    const dues = Array.from({ length: 500 }, (_, i) => Math.floor(drawUniform(3, i, 0) * 10_000));
    dues.forEach((d, i) => heap.push(i, d));
    const taken: number[] = [];
    heap.drainDue(4999, (_, due) => taken.push(due));
    expect(taken.every((d) => d <= 4999)).toBe(true);
    heap.drainDue(Infinity, (_, due) => taken.push(due));
    expect(taken).toEqual([...dues].sort((a, b) => a - b));
    expect(heap.size).toBe(0);
  });
});
