/**
 * Items with arbitrary due times (late copies: each delivery's copies are drawn independently),
 * popped in due order: a binary min-heap. O(log n) per push and pop; bounded by the plan
 * (late.copies per chosen delivery, all due inside the scheduled load).
 */
export class DueHeap<T> {
  private items: T[] = [];
  private dues: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(item: T, dueMs: number): void {
    this.items.push(item);
    this.dues.push(dueMs);
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((this.dues[parent] as number) <= dueMs) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes and hands over every item due at `nowMs`, earliest first. */
  drainDue(nowMs: number, take: (item: T, dueMs: number) => void): void {
    while (this.items.length > 0 && (this.dues[0] as number) <= nowMs) {
      const item = this.items[0] as T;
      const due = this.dues[0] as number;
      this.removeHead();
      take(item, due);
    }
  }

  clear(): void {
    this.items = [];
    this.dues = [];
  }

  private removeHead(): void {
    const lastItem = this.items.pop() as T;
    const lastDue = this.dues.pop() as number;
    if (this.items.length === 0) return;
    this.items[0] = lastItem;
    this.dues[0] = lastDue;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.dues.length && (this.dues[l] as number) < (this.dues[m] as number)) m = l;
      if (r < this.dues.length && (this.dues[r] as number) < (this.dues[m] as number)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(a: number, b: number): void {
    [this.items[a], this.items[b]] = [this.items[b] as T, this.items[a] as T];
    [this.dues[a], this.dues[b]] = [this.dues[b] as number, this.dues[a] as number];
  }
}
