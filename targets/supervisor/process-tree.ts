import { readdir, readFile } from 'node:fs/promises';
import { collectTree, parseProcStat, type ProcStat } from './proc-stat.ts';

async function readStat(pid: number): Promise<ProcStat | null> {
  try {
    return parseProcStat(await readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** Children through /proc/<pid>/task/<tid>/children; null when the kernel does not offer it. */
async function readChildren(pid: number): Promise<number[] | null> {
  try {
    const tasks = await readdir(`/proc/${pid}/task`);
    const lists = await Promise.all(
      tasks.map((tid) => readFile(`/proc/${pid}/task/${tid}/children`, 'utf8').catch(() => null)),
    );
    if (lists.every((l) => l === null)) return null;
    return lists.flatMap((l) => (l ?? '').split(/\s+/).filter(Boolean).map(Number));
  } catch {
    return null;
  }
}

/** Every process of the trees rooted at `roots`: fast path via children files, else a full /proc scan. */
export async function readProcessTree(roots: readonly number[]): Promise<ProcStat[]> {
  const out: ProcStat[] = [];
  const queue = [...roots];
  const seen = new Set<number>();
  while (queue.length) {
    const pid = queue.shift() as number;
    if (seen.has(pid)) continue;
    seen.add(pid);
    const stat = await readStat(pid);
    if (!stat) continue;
    out.push(stat);
    const children = await readChildren(pid);
    if (children === null) return scanAll(roots);
    queue.push(...children);
  }
  return out;
}

async function scanAll(roots: readonly number[]): Promise<ProcStat[]> {
  const pids = (await readdir('/proc')).filter((n) => /^\d+$/.test(n)).map(Number);
  const stats = (await Promise.all(pids.map(readStat))).filter((s): s is ProcStat => s !== null);
  return collectTree(stats, roots);
}

/** True when /proc can be read (Linux). */
export async function hasProcfs(): Promise<boolean> {
  return (await readStat(process.pid)) !== null;
}

/** True while the process exists and is not a zombie (a reparented child nobody reaped yet counts as gone). */
export async function isRunning(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}
