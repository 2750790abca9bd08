import type { Socket } from 'node:net';
import { classifyCommand, type CommandFamily } from './classify.ts';
import { matchDedupeCommand, type DedupeCommand, type DedupeMatchSettings, type ScriptBook } from './dedupe-command.ts';
import type { CommandDecision } from './fault-picker.ts';
import type { ProxyStats } from './proxy-stats.ts';
import { encodeError, frameEnd, readCommand, readFrame, RespProtocolError, type RespValue } from './resp.ts';

/** What a connection needs from the proxy around it. */
export interface ConnectionContext {
  stats: ProxyStats;
  dedupe: DedupeMatchSettings;
  scripts: ScriptBook;
  /** Current phase index and name, or undefined before the chaos clock started (no faults then). */
  phase(): { index: number; name: string } | undefined;
  decide(index: number, command: string, family: CommandFamily): CommandDecision;
}

interface Pending {
  family: CommandFamily;
  startMs: number;
  phase: string;
  dedupe: DedupeCommand | undefined;
  decision: CommandDecision;
  /** An injected error reply: the command was never forwarded. */
  injected: Buffer | undefined;
}

const EMPTY: Buffer = Buffer.alloc(0);
/** The reply of a command that is not dedupe-shaped: its contents are never read. */
const NO_VALUE: RespValue = { type: 'null' };
const PUSH = 0x3e; // '>'
const ATTRIBUTE = 0x7c; // '|'

/**
 * One client connection and its upstream twin. Client frames are read whole and forwarded as
 * the same bytes; each reply is matched to the oldest unanswered command (RESP is strictly
 * ordered, so pipelining needs nothing more). Faults only ever delay, replace, cut or slow a
 * reply in order, so the client never sees replies out of step with its commands.
 */
export class ProxyConnection {
  private inBuf: Buffer = EMPTY;
  private outBuf: Buffer = EMPTY;
  private readonly pending: Pending[] = [];
  /** Time the last scheduled write goes out; replies never overtake each other. */
  private lastAtMs = 0;
  private scheduled = 0;
  private closed = false;
  frozen = false;

  constructor(
    readonly client: Socket,
    readonly upstream: Socket,
    private readonly ctx: ConnectionContext,
    private readonly onClose: (c: ProxyConnection) => void,
  ) {
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.on('data', (chunk: Buffer) => this.fromClient(chunk));
    upstream.on('data', (chunk: Buffer) => this.fromUpstream(chunk));
    for (const s of [client, upstream]) {
      s.on('error', () => this.close(false));
      s.on('close', () => this.close(false));
    }
  }

  /** Closes both sides; `reset` sends a TCP RST to the client, as a crashed Redis would. */
  close(reset: boolean): void {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.pending) this.ctx.stats.countUnanswered(p.dedupe);
    this.pending.length = 0;
    if (reset && !this.client.destroyed) this.client.resetAndDestroy();
    else this.client.destroy();
    this.upstream.destroy();
    this.onClose(this);
  }

  private fromClient(chunk: Buffer): void {
    if (this.frozen || this.closed) return; // a hung Redis reads nothing back
    this.inBuf = this.inBuf.length ? Buffer.concat([this.inBuf, chunk]) : chunk;
    const forward: Buffer[] = [];
    let at = 0;
    let forwardFrom = 0;
    try {
      for (let frame = readCommand(this.inBuf, 0); frame; frame = readCommand(this.inBuf, at)) {
        const entry = this.admit(frame.words ?? []);
        if (entry.injected) {
          if (at > forwardFrom) forward.push(this.inBuf.subarray(forwardFrom, at));
          forwardFrom = frame.end;
        }
        at = frame.end;
      }
    } catch (error) {
      if (!(error instanceof RespProtocolError)) throw error;
      this.client.end(encodeError(`ERR Protocol error: ${error.message}`));
      this.close(false);
      return;
    }
    if (at > forwardFrom) forward.push(this.inBuf.subarray(forwardFrom, at));
    this.inBuf = at < this.inBuf.length ? Buffer.from(this.inBuf.subarray(at)) : EMPTY;
    if (forward.length === 1) this.upstream.write(forward[0] as Buffer);
    else if (forward.length > 1) this.upstream.write(Buffer.concat(forward));
    this.flushInjected();
  }

  private admit(words: readonly string[]): Pending {
    const name = (words[0] ?? '').toUpperCase();
    const family = classifyCommand(name);
    this.ctx.stats.countCommand(family);
    const phase = this.ctx.phase();
    const decision = phase ? this.ctx.decide(phase.index, name, family) : { delayMs: 0, failure: null, kinds: [] };
    for (const kind of decision.kinds) this.ctx.stats.countFault(phase?.name ?? 'healthy', kind);
    const dedupe = words.length
      ? matchDedupeCommand(words, this.ctx.dedupe, this.ctx.scripts, this.ctx.stats.hasOpenCheck)
      : undefined;
    const injected = decision.failure?.kind === 'error' ? encodeError(decision.failure.reply) : undefined;
    const entry: Pending = {
      family,
      startMs: performance.now(),
      phase: phase?.name ?? 'healthy',
      dedupe,
      decision,
      injected,
    };
    this.pending.push(entry);
    return entry;
  }

  /** Injected replies at the head of the queue go out as soon as everything before them has. */
  private flushInjected(): void {
    while (this.pending[0]?.injected) {
      const entry = this.pending.shift() as Pending;
      this.deliver(entry, entry.injected as Buffer, { type: 'error', text: '' });
    }
  }

  /**
   * Replies go straight through in the common case (no delay, no fault, nothing scheduled): the
   * run of such frames is written to the client as one slice of the chunk, and only a dedupe
   * reply's contents are parsed (to judge claimed or seen). Anything delayed or faulted goes
   * through deliver(), in order.
   */
  private fromUpstream(chunk: Buffer): void {
    if (this.frozen || this.closed) return;
    const buf = this.outBuf.length ? Buffer.concat([this.outBuf, chunk]) : chunk;
    this.outBuf = buf;
    let at = 0;
    /** Bytes [runFrom, at) pass through unchanged. */
    let runFrom = 0;
    let timed: { entry: Pending; at: number }[] | undefined;
    const flushRun = () => {
      if (at > runFrom) this.client.write(buf.subarray(runFrom, at));
      runFrom = at;
    };
    this.client.cork();
    try {
      for (let end = frameEnd(buf, at); end !== -1; end = frameEnd(buf, at)) {
        const start = at;
        // RESP3 pushes (pub/sub, invalidations) answer no command.
        const push = buf[start] === PUSH || (buf[start] === ATTRIBUTE && readFrame(buf, start)?.value.type === 'push');
        const entry = push ? undefined : this.pending.shift();
        const straight = this.scheduled === 0 && (!entry || (entry.decision.delayMs === 0 && !entry.decision.failure));
        if (straight) {
          at = end;
          if (entry?.dedupe) (timed ??= []).push({ entry, at: start });
        } else {
          flushRun();
          at = runFrom = end;
          const bytes = buf.subarray(start, end);
          if (entry)
            this.deliver(entry, bytes, entry.dedupe ? (readFrame(buf, start) as { value: RespValue }).value : NO_VALUE);
          else this.write(bytes);
        }
        if (this.pending[0]?.injected) {
          flushRun();
          this.flushInjected();
        }
        if (this.closed) return;
      }
      flushRun();
    } catch (error) {
      if (!(error instanceof RespProtocolError)) throw error;
      this.close(false);
      return;
    } finally {
      this.client.uncork();
    }
    if (timed) {
      const now = performance.now();
      for (const t of timed)
        this.ctx.stats.recordDedupe(
          t.entry.dedupe as DedupeCommand,
          t.entry.phase,
          t.entry.startMs,
          now,
          (readFrame(buf, t.at) as { value: RespValue }).value,
        );
    }
    this.outBuf = at < buf.length ? Buffer.from(buf.subarray(at)) : EMPTY;
  }

  private deliver(entry: Pending, bytes: Buffer, reply: RespValue): void {
    const failure = entry.decision.failure;
    const at = performance.now() + entry.decision.delayMs;
    const done = () => {
      if (entry.dedupe)
        this.ctx.stats.recordDedupe(
          entry.dedupe,
          entry.phase,
          entry.startMs,
          performance.now(),
          entry.injected ? { type: 'error', text: '' } : reply,
        );
    };
    if (failure?.kind === 'reset') {
      const cut = Math.min(bytes.length - 1, failure.afterBytes ?? Math.floor(bytes.length / 2));
      this.write(bytes.subarray(0, Math.max(0, cut)), at, () => {
        // The command ran but its reply was cut: a claim the target cannot know it made.
        if (entry.dedupe) this.ctx.stats.countCutClaim(entry.dedupe);
        else this.ctx.stats.countUnanswered(undefined);
        this.ctx.stats.countConnection('closedByFault');
        this.close(true);
      });
      return;
    }
    if (failure?.kind === 'slow-drip') {
      const { chunkBytes, intervalMs } = failure;
      for (let i = 0, n = 0; i < bytes.length; i += chunkBytes, n++) {
        this.write(
          bytes.subarray(i, i + chunkBytes),
          at + n * intervalMs,
          i + chunkBytes >= bytes.length ? done : undefined,
        );
      }
      return;
    }
    this.write(bytes, at, done);
  }

  /**
   * Writes at `atMs` (performance.now() time), never before an earlier scheduled write, so
   * replies keep their order while their delays overlap as on a slow network.
   */
  private write(bytes: Buffer, atMs = 0, then?: () => void): void {
    if (this.closed) return;
    const now = performance.now();
    if (atMs <= now && this.scheduled === 0) {
      this.client.write(bytes);
      then?.();
      return;
    }
    this.lastAtMs = Math.max(atMs, this.lastAtMs);
    this.scheduled++;
    setTimeout(
      () => {
        this.scheduled--;
        if (this.closed) return;
        this.client.write(bytes);
        then?.();
      },
      Math.max(0, this.lastAtMs - now),
    );
  }
}
