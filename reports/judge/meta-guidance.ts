import type { MergedLatency } from './latency-stats.ts';
import type { InfoItem } from '../schema/summary-schema.ts';

/** Meta's high-throughput webhook guidance, shown as information: it never fails a run. */
export function describeMetaGuidance(ack: MergedLatency | undefined): InfoItem[] {
  if (!ack) {
    return [
      {
        id: 'meta-median-ack',
        title: 'Meta guidance: median ack',
        guidance: '≤ 250 ms',
        observed: 'no data',
        meets: null,
      },
      {
        id: 'meta-acks-over-1s',
        title: 'Meta guidance: acks over 1 s',
        guidance: '< 1 %',
        observed: 'no data',
        meets: null,
      },
    ];
  }
  const median = ack.stats.p50Ms;
  const over = ack.fractionAboveMs?.(1000);
  const overItem: InfoItem =
    over === undefined
      ? {
          id: 'meta-acks-over-1s',
          title: 'Meta guidance: acks over 1 s',
          guidance: '< 1 %',
          observed: ack.stats.p99Ms <= 1000 ? '≤ 1 % (p99 ≤ 1 s)' : '> 1 % (p99 > 1 s)',
          meets: ack.stats.p99Ms <= 1000,
        }
      : {
          id: 'meta-acks-over-1s',
          title: 'Meta guidance: acks over 1 s',
          guidance: '< 1 %',
          observed: `${(over * 100).toFixed(2)} %`,
          meets: over < 0.01,
        };
  return [
    {
      id: 'meta-median-ack',
      title: 'Meta guidance: median ack',
      guidance: '≤ 250 ms',
      observed: `${median.toFixed(1)} ms`,
      meets: median <= 250,
    },
    overItem,
  ];
}
