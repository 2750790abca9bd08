/**
 * Rehearsals of the example connectors under examples/: each is started as a supervised
 * target and driven by `loadtest` through its preset.
 *
 * @example
 * const result = await rehearseExample({ example: 'fastapi-bot', durationS: 4 }, { stdout: process.stdout, stderr: process.stderr });
 * process.exitCode = result.exitCode; // 0 PASS, 99 a gate or rehearsal check failed, 2 usage, 3 infrastructure
 */
export { rehearseExample, type RehearseOptions, type RehearsalResult } from './rehearse.ts';
export { launchExample, randomSecrets, PYTHON, type LaunchedExample, type ExampleSecrets } from './launch.ts';
export { startThrowawayRedis, hasRedisServer } from './redis.ts';
export { EXAMPLES, findExample, type ExampleSpec, type ExampleDefect } from './catalog.ts';
export { judgeChecks, type CheckResult, type CheckInputs } from './checks.ts';
