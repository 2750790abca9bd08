import { UserError } from '../../../common/node/index.ts';

/** auto = k6 when it is on PATH, else the built-in Node engine; k6 requested but absent is a usage error. */
export async function resolveEngine(
  requested: 'auto' | 'k6' | 'node',
  detectK6: () => Promise<string | null>,
): Promise<'k6' | 'node'> {
  if (requested === 'node') return 'node';
  const k6 = await detectK6();
  if (requested === 'k6' && !k6) {
    throw new UserError(
      'Could not use --engine k6: no k6 binary on PATH. Install k6 (https://grafana.com/docs/k6/latest/set-up/install-k6/) or use --engine node.',
    );
  }
  return k6 ? 'k6' : 'node';
}
