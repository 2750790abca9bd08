/**
 * A FIFO of items with non-decreasing due times (redeliveries of one attempt level, duplicates):
 * items are appended in due order, so popping the head while due is all the scheduling needed.
 * Amortised O(1), no per-item allocation besides the item itself.
 */
export class DueQueue<T> {
  private items: T[] = [];
  private dues: number[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T, dueMs: number): void {
    this.items.push(item);
    this.dues.push(dueMs);
  }

  /** Removes and hands over every item due at `nowMs`. */
  drainDue(nowMs: number, take: (item: T, dueMs: number) => void): void {
    while (this.head < this.items.length && (this.dues[this.head] as number) <= nowMs) {
      const item = this.items[this.head] as T;
      const due = this.dues[this.head] as number;
      this.items[this.head] = undefined as T;
      this.head++;
      take(item, due);
    }
    if (this.head > 1024 && this.head * 2 > this.items.length) this.compact();
  }

  clear(): void {
    this.items = [];
    this.dues = [];
    this.head = 0;
  }

  private compact(): void {
    this.items = this.items.slice(this.head);
    this.dues = this.dues.slice(this.head);
    this.head = 0;
  }
}
