/** One line of /proc/<pid>/stat, the fields we need. */
export interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime, in clock ticks. */
  cpuTicks: number;
  rssPages: number;
}

/**
 * Parses /proc/<pid>/stat. The command name (field 2) is in parentheses and may itself contain
 * spaces and parentheses, so fields are counted from the last ")".
 */
export function parseProcStat(text: string): ProcStat | null {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const pid = Number(text.slice(0, text.indexOf('(')).trim());
  // After ")": state(3) ppid(4) … utime(14) stime(15) … rss(24).
  const rest = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const field = (n: number) => Number(rest[n - 3]);
  const stat = { pid, ppid: field(4), cpuTicks: field(14) + field(15), rssPages: field(24) };
  return Object.values(stat).every(Number.isFinite) ? stat : null;
}

/** Every process in the trees rooted at `roots` (roots included), found through ppid links. */
export function collectTree(stats: readonly ProcStat[], roots: readonly number[]): ProcStat[] {
  const children = new Map<number, ProcStat[]>();
  const byPid = new Map<number, ProcStat>();
  for (const s of stats) {
    byPid.set(s.pid, s);
    const list = children.get(s.ppid) ?? [];
    list.push(s);
    children.set(s.ppid, list);
  }
  const out: ProcStat[] = [];
  const seen = new Set<number>();
  const queue = roots.filter((pid) => byPid.has(pid));
  while (queue.length) {
    const pid = queue.shift() as number;
    if (seen.has(pid)) continue;
    seen.add(pid);
    out.push(byPid.get(pid) as ProcStat);
    for (const child of children.get(pid) ?? []) queue.push(child.pid);
  }
  return out;
}

/** Linux reports RSS in pages and CPU in clock ticks; 4 KiB pages and USER_HZ 100 on every mainstream kernel. */
const PAGE_BYTES = 4096;
const TICKS_PER_S = 100;

/**
 * Turns successive tree readings into RSS (MB) and CPU (% of one core) samples; CPU is the tick
 * delta per pid, so a replacement instance's start-up is counted and a gone one's is not negative.
 */
export function createTreeSampler() {
  let prev = new Map<number, number>();
  let prevAtMs: number | undefined;
  return (tree: readonly ProcStat[], atMs: number) => {
    const now = new Map(tree.map((s) => [s.pid, s.cpuTicks] as const));
    let ticks = 0;
    for (const [pid, t] of now) ticks += Math.max(0, t - (prev.get(pid) ?? (prevAtMs === undefined ? t : 0)));
    const dtS = prevAtMs === undefined ? 0 : (atMs - prevAtMs) / 1000;
    prev = now;
    prevAtMs = atMs;
    return {
      rssMb: treeRssMb(tree),
      cpuPct: dtS > 0 ? Number(((ticks / TICKS_PER_S / dtS) * 100).toFixed(1)) : 0,
      processes: tree.length,
    };
  };
}

/** Resident memory of a set of processes, MB. */
export function treeRssMb(tree: readonly ProcStat[]): number {
  return Number(((tree.reduce((a, s) => a + s.rssPages, 0) * PAGE_BYTES) / 1024 / 1024).toFixed(2));
}
