import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DrillResult, HealthProbe, ResourceSample, Supervised } from '../../common/contracts/index.ts';
import { scrubText } from '../../scenarios/model/index.ts';
import { createChildWatch, describeChildDeath, makeDir, type EnvMap } from '../../common/node/index.ts';
import { startBalancer, type Balancer } from './balancer.ts';
import { buildTargetEnv, type TargetEnvValues } from './child-env.ts';
import type { DrillPlan } from './drill.ts';
import { createExchangeRecorder } from './exchange-recorder.ts';
import { findFreePort } from './free-port.ts';
import { probeHealth } from './health-poller.ts';
import { describeExit, startInstance, type Instance } from './instance.ts';
import { createLogScanner } from './log-scan.ts';
import { createTreeSampler, treeRssMb } from './proc-stat.ts';
import { hasProcfs, readProcessTree } from './process-tree.ts';
import type { TargetCommand } from './target-command.ts';

export interface PoolOptions {
  command: TargetCommand;
  replicas: number;
  runId: string;
  runDir: string;
  /** Everything the target gets but its port. */
  values: Omit<TargetEnvValues, 'port'>;
  /** Only the platform variables (PATH, HOME, …) are taken from it. */
  parentEnv: EnvMap;
  healthTimeoutMs: number;
  log: (line: string) => void;
}

export interface TargetPool {
  /** The balancer's URL: the target URL the engine sends to. */
  url: string;
  /** Aborted when an instance dies on its own; its reason says which and how. */
  died: AbortSignal;
  /** Starts sampling and health probes; t=0 of every sample is `loadStartMs`. */
  startMonitoring(loadStartMs: number): void;
  /** Starts a ready standby per drill before the load (the drain's new revision, the restart's new container), so drills happen on time. */
  prepareDrills(plans: readonly DrillPlan[]): Promise<void>;
  scheduleDrill(plan: DrillPlan): void;
  /** Stops monitoring, waits for a running drill, stops every instance (SIGTERM, then SIGKILL), scans logs. */
  finish(): Promise<Supervised>;
  /** Kills whatever is left; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Runs the supervised target: N instances behind the harness's balancer, sampled and probed
 * every second, drilled on schedule, deaths detected. The I/O shell around the pure modules.
 */
export async function startTargetPool(options: PoolOptions): Promise<TargetPool> {
  const { command, runDir } = options;
  await makeDir(runDir);
  const secrets = [options.values.appSecret, options.values.verifyToken, options.values.accessToken];
  const recorder = createExchangeRecorder(options.runId);
  const balancer: Balancer = await startBalancer({
    onExchange: (id, body, status, at) => recorder.record(id, body, status, at),
  });
  const all: Instance[] = [];
  /** Judged on health and routed to; a drain drill's standby joins only at the drill. */
  const inService = new Set<number>();
  const standbys: Instance[] = [];
  const expectedExit = new Set<number>();
  const deaths: Supervised['deaths'] = [];
  const drills: DrillResult[] = [];
  const samples: ResourceSample[] = [];
  const probes: HealthProbe[] = [];
  const pendingProbe = new Set<number>();
  let loadStartMs = Date.now();
  // Instance deaths go through the harness's one child watch; a failed drill aborts the run too.
  const watch = createChildWatch(() => (Date.now() - loadStartMs) / 1000);
  const drillFailed = new AbortController();
  const died = AbortSignal.any([watch.signal, drillFailed.signal]);
  const timers: NodeJS.Timeout[] = [];
  let drillRunning: Promise<void> | undefined;
  const procfs = await hasProcfs();
  const sampleTree = createTreeSampler();
  const sinceLoad = (ms: number) => Math.max(0, Number(((ms - loadStartMs) / 1000).toFixed(3)));
  // A draining instance stays in rotation until it exits: whether it still accepts is its call.
  const routed = new Set<number>();
  const route = () =>
    balancer.setUpstreams(all.filter((i) => i.isAlive() && routed.has(i.id)).map((i) => ({ id: i.id, port: i.port })));

  const launch = async (id: number, standby = false): Promise<Instance> => {
    const port = await findFreePort();
    const logName = options.replicas === 1 && id === 0 ? 'target.log' : `target-${id}.log`;
    const instance = await startInstance({
      id,
      command: command.command,
      cwd: command.cwd ?? process.cwd(),
      env: buildTargetEnv(command, { ...options.values, port }, options.parentEnv),
      port,
      healthPath: command.healthPath,
      logPath: join(runDir, logName),
      startTimeoutMs: command.startTimeoutS * 1000,
      secrets,
    });
    all.push(instance);
    if (!standby) {
      inService.add(id);
      routed.add(id);
    }
    void instance.exited.then(() => {
      inService.delete(id);
      route();
    });
    watch.watch(
      {
        name: `supervised target instance ${id}`,
        child: instance.child,
        isStopping: () => expectedExit.has(id) || died.aborted,
        lastLines: () => instance.tail(10),
      },
      (death, atS) => {
        deaths.push({
          instance: id,
          atS: Math.max(0, Number((atS ?? 0).toFixed(3))),
          exit: death.signal ?? `code ${death.code}`,
          lastLines: death.lastLines,
        });
        options.log(`loadtest: ${describeChildDeath(death, atS)}; aborting the run.`);
      },
    );
    route();
    return instance;
  };

  try {
    await Promise.all(Array.from({ length: options.replicas }, (_, id) => launch(id)));
  } catch (error) {
    await killAll();
    throw error;
  }
  let nextId = options.replicas;

  async function killAll(): Promise<void> {
    for (const i of all) expectedExit.add(i.id);
    await Promise.all(all.map((i) => i.kill()));
  }

  const tick = async () => {
    const now = Date.now();
    const live = all.filter((i) => i.isAlive());
    if (procfs) {
      const trees = await Promise.all(live.map((i) => readProcessTree([i.pid])));
      samples.push({
        t: sinceLoad(now),
        ...sampleTree(trees.flat(), now),
        maxInstanceRssMb: Math.max(0, ...trees.map(treeRssMb)),
      });
    }
    for (const i of live) {
      if (!inService.has(i.id) || pendingProbe.has(i.id)) continue;
      pendingProbe.add(i.id);
      void probeHealth(i.url + command.healthPath, options.healthTimeoutMs + 1000).then((p) => {
        pendingProbe.delete(i.id);
        // An instance that was signalled meanwhile is no longer judged on its health.
        if (inService.has(i.id)) probes.push({ t: sinceLoad(now), instance: i.id, ...p });
      });
    }
  };

  const runDrill = async (plan: DrillPlan) => {
    const victim = all.filter((i) => i.isAlive() && inService.has(i.id)).sort((a, b) => a.id - b.id)[0];
    if (!victim) return;
    let replacement: Instance | undefined;
    let signalAt: number;
    if (plan.kind === 'drain') {
      // A rolling deploy: the new instance (started before the load) takes traffic, then the old one is told to stop.
      replacement = standbys.shift() ?? (await launch(nextId++, true));
      const replacementId = replacement.id;
      const readyMs = replacement.readyAtMs - replacement.startedAtMs;
      inService.add(replacementId);
      routed.add(replacementId);
      route();
      signalAt = Date.now();
      expectedExit.add(victim.id);
      inService.delete(victim.id);
      recorder.markSignalled(victim.id, signalAt);
      options.log(`loadtest: drill: SIGTERM to instance ${victim.id} (replacement ${replacementId} is ready)`);
      const { exit, killedAfterTimeout } = await victim.terminate(command.drainTimeoutS * 1000);
      drills.push(
        result(
          plan,
          victim,
          replacementId,
          'SIGTERM',
          signalAt,
          exit.atMs,
          killedAfterTimeout,
          describeExit(exit),
          readyMs,
        ),
      );
    } else {
      signalAt = Date.now();
      expectedExit.add(victim.id);
      inService.delete(victim.id);
      recorder.markSignalled(victim.id, signalAt);
      options.log(`loadtest: drill: SIGKILL to instance ${victim.id}, then a restart`);
      const exit = await victim.kill();
      // The restarted instance was started before the load, so the drill does not depend on
      // how fast this machine starts the command; its own start-up time is what gets reported.
      replacement = standbys.shift() ?? (await launch(nextId++, true));
      inService.add(replacement.id);
      routed.add(replacement.id);
      route();
      drills.push(
        result(
          plan,
          victim,
          replacement.id,
          'SIGKILL',
          signalAt,
          exit.atMs,
          false,
          describeExit(exit),
          replacement.readyAtMs - replacement.startedAtMs,
        ),
      );
    }
    function result(
      p: DrillPlan,
      v: Instance,
      rep: number,
      signal: 'SIGTERM' | 'SIGKILL',
      at: number,
      exitAt: number,
      killed: boolean,
      exit: string,
      readyMs: number,
    ): DrillResult {
      const evidence = recorder.evidence(v.id);
      return {
        kind: p.kind,
        atS: sinceLoad(at),
        instance: v.id,
        replacement: rep,
        signal,
        exitMs: exitAt - at,
        killedAfterTimeout: killed,
        exit,
        answeredAfterSignal: evidence.answeredAfterSignal,
        replacementReadyMs: readyMs,
        acked: evidence.acked,
        reackedLater: evidence.reackedLater,
      };
    }
  };

  const finalizeDrills = () => {
    // Evidence is re-read at the end: later instances acknowledged more after the drill.
    for (const d of drills) {
      const evidence = recorder.evidence(d.instance);
      Object.assign(d, {
        acked: evidence.acked,
        reackedLater: evidence.reackedLater,
        answeredAfterSignal: evidence.answeredAfterSignal,
      });
    }
  };

  return {
    url: balancer.url,
    died,
    async prepareDrills(plans) {
      for (let i = 0; i < plans.length; i++) standbys.push(await launch(nextId++, true));
    },
    startMonitoring(startMs) {
      loadStartMs = startMs;
      timers.push(setInterval(() => void tick(), 1000));
    },
    scheduleDrill(plan) {
      const delay = Math.max(0, loadStartMs + plan.atS * 1000 - Date.now());
      timers.push(
        setTimeout(() => {
          drillRunning = runDrill(plan).catch((error: Error) => {
            options.log(`loadtest: drill ${plan.kind} failed: ${scrubText(error.message, secrets)}`);
            drillFailed.abort(new Error(`drill ${plan.kind} failed: the replacement instance did not start`));
          });
        }, delay),
      );
    },
    async finish() {
      for (const t of timers) clearInterval(t);
      await drillRunning;
      const stopping = all.filter((i) => i.isAlive());
      for (const i of stopping) expectedExit.add(i.id);
      await Promise.all(stopping.map((i) => i.terminate(command.drainTimeoutS * 1000)));
      finalizeDrills();
      const scanner = createLogScanner({
        secrets: {
          'secret:app-secret': options.values.appSecret,
          'secret:verify-token': options.values.verifyToken,
          'secret:access-token': options.values.accessToken,
        },
        waIds: recorder.pii.waIds,
        names: recorder.pii.names,
        texts: recorder.pii.texts,
      });
      for (const i of all)
        scanner.scan(i.logPath.split('/').pop() as string, await readFile(i.logPath, 'utf8').catch(() => ''));
      return {
        command: scrubText(command.command, secrets),
        replicas: options.replicas,
        healthPath: command.healthPath,
        drainTimeoutS: command.drainTimeoutS,
        envNames: Object.keys(buildTargetEnv(command, { ...options.values, port: 0 }, options.parentEnv)).sort(),
        instances: all.map((i) => ({
          instance: i.id,
          port: i.port,
          startedAtS: Number(((i.startedAtMs - loadStartMs) / 1000).toFixed(3)),
          log: i.logPath.split('/').pop() as string,
        })),
        resources: {
          available: procfs,
          note: procfs
            ? 'RSS and CPU of every process in the target trees (all replicas), read from /proc once a second.'
            : 'No /proc on this system: memory and CPU are not sampled (Linux only).',
          samples,
        },
        health: { timeoutMs: options.healthTimeoutMs, probes },
        logs: scanner.result(),
        drills,
        deaths,
      };
    },
    async close() {
      for (const t of timers) clearInterval(t);
      await killAll();
      await balancer.close();
    },
  };
}
