/** Keeps every background task so shutdown (and tests) can wait for them to settle. */
export function createTaskTracker(onCountChange: (count: number) => void = () => undefined) {
  const tasks = new Set<Promise<unknown>>();
  return {
    track(task: Promise<unknown>): void {
      const settled = task
        .catch(() => undefined)
        .finally(() => {
          tasks.delete(settled);
          onCountChange(tasks.size);
        });
      tasks.add(settled);
      onCountChange(tasks.size);
    },
    get size(): number {
      return tasks.size;
    },
    /** Resolves once no task is left, including tasks started while waiting. */
    async drain(): Promise<void> {
      while (tasks.size > 0) await Promise.all([...tasks]);
    },
  };
}

export type TaskTracker = ReturnType<typeof createTaskTracker>;
