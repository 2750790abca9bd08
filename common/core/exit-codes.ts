/** Process exit codes shared by every CLI (DESIGN.md: 99 is k6's code for failed thresholds). */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  infrastructure: 3,
  gateFailed: 99,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
