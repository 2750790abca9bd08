import { describe, expect, it } from 'vitest';
import { renderSvgChart } from './svg-chart.ts';

const labels = (svg: string) =>
  [...svg.matchAll(/<text class="phase-label" x="([\d.]+)" y="([\d.]+)">([^<]+)<\/text>/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    name: m[3],
  }));

describe('phase labels', () => {
  it('puts a label that would run into the previous one on its own row ("healthystorm")', () => {
    const xs = Array.from({ length: 600 }, (_, i) => i);
    const svg = renderSvgChart({
      id: 'c',
      title: 't',
      xs,
      series: [{ name: 'rate', color: '#0969da', values: xs.map(() => 1) }],
      formatY: String,
      phases: [
        { name: 'healthy', startS: 0, endS: 5 },
        { name: 'storm', startS: 5, endS: 300 },
        { name: 'recovery', startS: 300, endS: 600 },
      ],
    });
    const [healthy, storm, recovery] = labels(svg);
    expect([healthy?.name, storm?.name, recovery?.name]).toEqual(['healthy', 'storm', 'recovery']);
    expect(storm!.y).toBeGreaterThan(healthy!.y);
    expect(recovery!.y).toBe(healthy!.y);
  });
});
