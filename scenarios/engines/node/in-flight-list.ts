import type { Attempt } from './attempt.ts';

/**
 * Attempts in flight as an intrusive doubly linked list in start order: O(1) add and remove, and
 * since every attempt gets the same timeout, the expired ones are always at the head.
 */
export class InFlightList {
  head: Attempt | null = null;
  private tail: Attempt | null = null;
  size = 0;

  add(attempt: Attempt): void {
    this.size++;
    attempt.prev = this.tail;
    if (this.tail) this.tail.next = attempt;
    else this.head = attempt;
    this.tail = attempt;
  }

  remove(attempt: Attempt): void {
    this.size--;
    if (attempt.prev) attempt.prev.next = attempt.next;
    else this.head = attempt.next;
    if (attempt.next) attempt.next.prev = attempt.prev;
    else this.tail = attempt.prev;
    attempt.prev = attempt.next = null;
  }
}
