import { describe, expect, it } from 'vitest';
import { collectTree, createTreeSampler, parseProcStat, treeRssMb } from './proc-stat.ts';

// Fields after the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime … rss at field 24.
const line = (pid: number, name: string, ppid: number, utime: number, stime: number, rss: number) =>
  `${pid} (${name}) S ${ppid} ${pid} ${pid} 0 -1 4194560 100 0 0 0 ${utime} ${stime} 0 0 20 0 1 0 100 1000000 ${rss} 18446744073709551615`;

describe('parseProcStat', () => {
  it('reads ppid, CPU ticks and RSS pages even when the name holds spaces and parentheses', () => {
    expect(parseProcStat(line(42, 'node (worker) 1', 7, 30, 12, 2560))).toEqual({
      pid: 42,
      ppid: 7,
      cpuTicks: 42,
      rssPages: 2560,
    });
    expect(parseProcStat('garbage')).toBeNull();
  });
});

describe('collectTree', () => {
  it('finds every descendant of the roots and nothing else', () => {
    const stats = [1, 10, 11, 12, 20].map((pid) =>
      parseProcStat(line(pid, 'p', pid === 1 ? 0 : pid === 10 || pid === 20 ? 1 : 10, 0, 0, 1))!,
    );
    expect(
      collectTree(stats, [10])
        .map((s) => s.pid)
        .sort(),
    ).toEqual([10, 11, 12]);
    expect(collectTree(stats, [99])).toEqual([]);
  });
});

describe('createTreeSampler', () => {
  it('turns tick deltas into percent of one core and counts a new process from zero', () => {
    const sample = createTreeSampler();
    const a = parseProcStat(line(10, 'a', 1, 100, 0, 256))!;
    expect(sample([a], 0).cpuPct).toBe(0);
    const a2 = { ...a, cpuTicks: 150 };
    const b = parseProcStat(line(11, 'b', 10, 20, 0, 256))!;
    // 50 ticks of a + 20 of the new b in 1 s at USER_HZ 100 = 70 % of one core.
    expect(sample([a2, b], 1000)).toEqual({ rssMb: 2, cpuPct: 70, processes: 2 });
    expect(treeRssMb([a, b])).toBe(2);
  });
});
