import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

/**
 * A network namespace with its own non-loopback address, joined to the default namespace by a
 * veth pair (`ip netns`, as root): a "remote" staging host that never leaves this machine. The
 * test makes it and removes it (deleting the namespace removes the veth pair too).
 */
export interface Namespace {
  name: string;
  /** The address inside the namespace (what the harness dials). */
  address: string;
  /** The default namespace's end of the link. */
  hostAddress: string;
  remove(): void;
}

const ip = (...args: string[]) => spawnSync('ip', args, { encoding: 'utf8' });

/** Makes a namespace, or returns why it cannot be made here (not root, no `ip`, no CAP_NET_ADMIN). */
export function makeNamespace(): Namespace | { unavailable: string } {
  const id = randomBytes(3).toString('hex');
  const name = `wa-stg-${id}`;
  // A /30 in 10.203.0.0/16 from the random id, so two runs at once do not collide.
  const n = parseInt(id.slice(0, 4), 16) % 16384;
  const base = `10.203.${n >> 6}.${(n & 63) << 2}`;
  const [a, b, c, d] = base.split('.').map(Number) as [number, number, number, number];
  const hostAddress = `${a}.${b}.${c}.${d + 1}`;
  const address = `${a}.${b}.${c}.${d + 2}`;
  const hostIf = `wah${id}`;
  const nsIf = `wan${id}`;
  const steps: string[][] = [
    ['netns', 'add', name],
    ['link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf],
    ['link', 'set', nsIf, 'netns', name],
    ['addr', 'add', `${hostAddress}/30`, 'dev', hostIf],
    ['link', 'set', hostIf, 'up'],
    ['netns', 'exec', name, 'ip', 'addr', 'add', `${address}/30`, 'dev', nsIf],
    ['netns', 'exec', name, 'ip', 'link', 'set', nsIf, 'up'],
    ['netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up'],
  ];
  const remove = () => {
    ip('netns', 'del', name);
    ip('link', 'del', hostIf);
  };
  for (const step of steps) {
    const result = ip(...step);
    if (result.error || result.status !== 0) {
      remove();
      const why = result.error ? result.error.message : result.stderr.trim() || `exit ${result.status}`;
      return { unavailable: `ip ${step.join(' ')}: ${why}` };
    }
  }
  return { name, address, hostAddress, remove };
}

const ROOT = resolve(import.meta.dirname, '../..');

export interface Listening {
  child: ChildProcess;
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `node --import tsx <script> …` (inside `namespace` when given) and resolves with the URL
 * of its `{"event":"listening","url":…}` line; bounded to 30 s.
 */
export function startListening(
  script: string,
  args: string[],
  env: Record<string, string>,
  namespace?: string,
): Promise<Listening> {
  const node = [process.execPath, '--import', 'tsx', script, ...args];
  const [command, ...rest] = namespace ? ['ip', 'netns', 'exec', namespace, ...node] : node;
  const child = spawn(command!, rest, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  return new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${script} did not listen within 30 s:\n${output}`));
    }, 30_000);
    child.stderr!.on('data', (d) => (output += d));
    child.stdout!.on('data', (d) => {
      output += d;
      const match = /\{"event":"listening","url":"([^"]+)"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl({ child, url: match[1]!, output: () => output, stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited ${code} before listening:\n${output}`));
    });
  });
}
