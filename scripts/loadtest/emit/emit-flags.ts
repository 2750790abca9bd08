import { UserError } from '../../../common/node/index.ts';

export interface EmitFlagInput {
  emit?: string;
  parallelism?: number;
  mockImage?: string;
  /** Where the resolved config puts the mock: an emitted run always starts its own. */
  mockMode: 'spawn' | 'external' | 'in-target';
  supervised: boolean;
}

/** Flags that only make sense with --emit, and what --emit cannot honour; each a UserError (exit 2) naming the fix. */
export function checkEmitFlags(input: EmitFlagInput): void {
  for (const [flag, value] of [
    ['--parallelism', input.parallelism],
    ['--mock-image', input.mockImage],
  ] as const) {
    if (value !== undefined && !input.emit)
      throw new UserError(
        `Could not use ${flag}: it only applies to --emit k6-operator. Add --emit k6-operator, or drop ${flag}.`,
      );
  }
  if (!input.emit) return;
  if (input.supervised)
    throw new UserError(
      'Could not use --emit with a supervised target: a k6-operator run cannot start your connector. Drop --target-cmd/--replicas/--drill and give --target <url>.',
    );
  if (input.mockMode !== 'spawn')
    throw new UserError(
      'Could not use --mock-url, WA_MOCK_URL or --mock in-target with --emit k6-operator: the emitted run starts its own mock Graph API (the Service wa-mock-graph-api, image --mock-image). Drop --mock-url/--mock and unset WA_MOCK_URL.',
    );
}
