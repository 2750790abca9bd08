import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { Scenario } from '../../../common/contracts/index.ts';
import { UserError, validate, type EnvMap } from '../../../common/node/index.ts';
import { builtinConnectorArgs, type BuiltinTarget } from '../../../targets/presets/index.ts';
import { checkRedisWiring } from '../run/redis-dependency.ts';
import {
  buildTargetEnv,
  parseDrill,
  startTargetPool,
  targetCommandSchema,
  type DrillPlan,
  type TargetCommand,
  type TargetPool,
} from '../../../targets/supervisor/index.ts';

/** A supervised run: the command, how many replicas, which drills. */
export interface SupervisedConfig {
  command: TargetCommand;
  replicas: number;
  drills: DrillPlan[];
  /** True when the command is the reference connector (--target builtin with --replicas/--drill). */
  reference: boolean;
}

/**
 * What of a preset's `target.command` describes the connector's shape (names of its variables,
 * health path, timeouts) rather than the preset's own connector (its command, folder and extra
 * variables): the part kept under the user's own --target-cmd or config `target.command`.
 */
const SHAPE_FIELDS = ['envNames', 'healthPath', 'drainTimeoutS', 'startTimeoutS'] as const;

/**
 * Picks the target command. Precedence: a target the user names (--target <url>, or --target
 * builtin: the reference connector) wins; else --target-cmd, layered over a config file's
 * `target.command`, layered over the shape fields of the preset's; else the preset's own command
 * (its example connector). Undefined when the target is a URL or the plain builtin.
 */
export function resolveSupervised(input: {
  targetCmd?: string;
  fileCommand?: Record<string, unknown>;
  presetCommand?: Record<string, unknown>;
  replicas?: number;
  drills: readonly string[];
  durationS: number;
  targetUrl: string;
  /** True when the user named the target (--target, WA_TARGET_URL, target.url), `builtin` included. */
  targetNamed?: boolean;
  builtinReference: () => TargetCommand;
  filePath?: string;
}): SupervisedConfig | undefined {
  const explicitUrl = input.targetUrl !== 'builtin';
  const named = input.targetNamed === true || explicitUrl;
  const own = input.targetCmd !== undefined || input.fileCommand !== undefined;
  const plan = (command: TargetCommand, reference: boolean): SupervisedConfig => ({
    command,
    replicas: input.replicas ?? 1,
    drills: input.drills.map((d) => parseDrill(d, input.durationS)),
    reference,
  });
  if (own && explicitUrl)
    throw new UserError(
      'Could not use both a target URL and a target command: pick one. Drop --target (or target.url) to let the harness start the command.',
    );
  if (own && named)
    throw new UserError(
      'Could not use both --target builtin and a target command: pick one. Drop --target builtin to run your command, or drop --target-cmd (and target.command) to run the reference connector.',
    );
  if (own) {
    const shape = Object.fromEntries(
      SHAPE_FIELDS.filter((k) => input.presetCommand?.[k] !== undefined).map((k) => [k, input.presetCommand?.[k]]),
    );
    const raw = { ...shape, ...input.fileCommand, ...(input.targetCmd !== undefined && { command: input.targetCmd }) };
    const fromFile = input.targetCmd === undefined;
    return plan(
      validate(targetCommandSchema, raw, { thing: 'target.command', filePath: fromFile ? input.filePath : undefined }),
      false,
    );
  }
  if (input.presetCommand && !named)
    return plan(validate(targetCommandSchema, input.presetCommand, { thing: "the preset's target.command" }), false);
  if (input.replicas === undefined && input.drills.length === 0) return undefined;
  if (explicitUrl) {
    throw new UserError(
      'Could not use --replicas/--drill with a --target URL: the harness can only restart and replicate a target it starts itself. Give the start command with --target-cmd "<command>".',
    );
  }
  return plan(input.builtinReference(), true);
}

/** The reference connector as a supervised command: the same binary as --target builtin, configured by environment. */
export function referenceConnectorCommand(opts: {
  scriptsDir: string;
  scenario: Scenario;
  defect?: string;
  builtin?: BuiltinTarget;
}): TargetCommand {
  const args = builtinConnectorArgs(opts.builtin).join(' ');
  return targetCommandSchema.parse({
    command: `exec "${process.execPath}" --import tsx "${join(opts.scriptsDir, 'connector.ts')}"${args ? ' ' + args : ''}`,
    cwd: dirname(opts.scriptsDir),
    env: {
      WA_PATH_TEMPLATE: opts.scenario.target.pathTemplate,
      WA_PHONE_NUMBER_ID: opts.scenario.business.phoneNumberId,
      ...(opts.defect ? { WA_DEFECT: opts.defect } : {}),
    },
    healthPath: '/health',
  });
}

/** Starts the pool for a run: the harness's secrets, the mock's URL, the run's Redis. */
export function startSupervisedTarget(
  config: SupervisedConfig,
  run: {
    runId: string;
    runDir: string;
    scenario: Scenario;
    mockUrl: string;
    redisUrl?: string;
    /** Set when redisUrl is the harness's Redis proxy: the target must be wired to it (checkRedisWiring). */
    redisProxyUrl?: string;
    /** Where the platform variables (PATH, HOME, …) come from; nothing else of it reaches the target. */
    parentEnv: EnvMap;
    log: (line: string) => void;
    /** Variables on top of the command's own `env` (the in-target mock's preload); the contract's still win. */
    extraEnv?: Record<string, string>;
  },
): Promise<TargetPool> {
  const command = run.extraEnv
    ? { ...config.command, env: { ...config.command.env, ...run.extraEnv } }
    : config.command;
  const values = {
    host: '127.0.0.1',
    appSecret: run.scenario.target.appSecret,
    verifyToken: run.scenario.target.verifyToken,
    accessToken: `wa-loadtest-token-${randomBytes(8).toString('hex')}`,
    graphBaseUrl: run.mockUrl,
    redisUrl: run.redisUrl,
  };
  if (run.redisProxyUrl)
    checkRedisWiring({
      command,
      env: buildTargetEnv(command, { ...values, port: 0 }, run.parentEnv),
      proxyUrl: run.redisProxyUrl,
    });
  return startTargetPool({
    command,
    replicas: config.replicas,
    runId: run.runId,
    runDir: run.runDir,
    values,
    parentEnv: run.parentEnv,
    healthTimeoutMs: run.scenario.gates.supervised?.healthTimeoutMs ?? 5000,
    log: run.log,
  });
}
