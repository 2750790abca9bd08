/**
 * Distributed runs with k6-operator: `npm run loadtest -- --emit k6-operator --parallelism N
 * --target <url> --allow-host <host>` writes a k6 archive (archive.tar) and the TestRun instead
 * of running.
 *
 * @example
 * import { emitK6Operator } from './index.ts';
 * const { dir, runId } = await emitK6Operator(resolvedConfig, { parallelism: 4 });
 * // then: kubectl apply -k <dir>
 */

/**
 * Writes `<out>/<runId>/`: archive.tar (k6's archive format), bundle/ (the same files unpacked),
 * testrun.json, mock-deployment.json, mock-service.json, kustomization.yaml, bundle-files.json.
 * UserError for the built-in target.
 *
 * @example
 * const emitted = await emitK6Operator(config, { parallelism: 4, k6Image: 'grafana/k6:1.3.0' });
 * emitted.bundleFiles; // ['common/core/signature-header.ts', …, 'fixtures/manifest.json', …, 'scenarios/load.ts', 'wa-config.json']
 */
export {
  emitK6Operator,
  DEFAULT_K6_IMAGE,
  APP_SECRET_REF,
  MOCK_ADMIN_TOKEN_REF,
  ARCHIVE_ENV,
  CONFIGMAP_LIMIT_BYTES,
  type EmitOptions,
  type EmittedRun,
} from './emit-k6-operator.ts';

/**
 * k6's archive format without k6: build, read back (as k6 does) and the metadata.json schema.
 *
 * @example
 * const tar = buildK6Archive({ files, entry: 'scenarios/smoke.ts', options, env: { WA_CONFIG: '../wa-config.json' }, k6Version: '1.3.0' });
 * readK6Archive(tar).files.get('/wa-harness/scenarios/smoke.ts'); // the entry script's bytes
 */
export {
  buildK6Archive,
  readK6Archive,
  k6ArchiveMetadataSchema,
  ARCHIVE_ROOT,
  type K6ArchiveInput,
  type K6ArchiveMetadata,
  type K6ArchiveContents,
} from './k6-archive.ts';
export { writeTar, readTar, type TarEntry } from './tar.ts';

/**
 * The k6-operator TestRun (schema and pure builder) and the kustomization generating its ConfigMaps.
 *
 * @example
 * const testRun = testRunSchema.parse(buildTestRun({ runId, scenario: 'load', parallelism: 4, configMapName: `wa-loadtest-${runId}`, appSecretRef: { name: 'wa-loadtest', key: 'app-secret' }, k6Image: 'grafana/k6:1.3.0' }));
 */
export {
  testRunSchema,
  buildTestRun,
  buildKustomization,
  type TestRun,
  type TestRunInput,
} from './testrun-manifest.ts';

/**
 * What a scenario needs under k6, found by reading sources.
 *
 * @example
 * collectScriptFiles(repoRoot, 'scenarios/smoke.ts'); // ['common/core/base64.ts', …, 'scenarios/definitions/smoke.json', 'scenarios/smoke.ts']
 * findOpenedPaths("open('./definitions/smoke.json')");  // ['./definitions/smoke.json']
 */
export { collectScriptFiles, listFixtureFiles } from './collect-bundle-files.ts';
export { findOpenedPaths, findRelativeImports } from './scan-sources.ts';

/**
 * The mock Graph API in the cluster: Deployment + ClusterIP Service (pure), the Kubernetes schemas
 * they are checked against, and the flag checks and image reference reader of `--emit`.
 *
 * @example
 * const { deployment, service } = buildMockManifests({ runId, image: DEFAULT_MOCK_IMAGE, profile: 'mild', correlation: 'auto', seed: 1 });
 * deploymentSchema.parse(deployment); mockServiceUrl(); // 'http://wa-mock-graph-api:8089'
 */
export {
  buildMockManifests,
  mockServiceUrl,
  DEFAULT_MOCK_IMAGE,
  MOCK_NAME,
  MOCK_PORT,
  MOCK_TOKENS_SECRET,
  MOCK_SECRET_MOUNT,
  type MockManifestsInput,
} from './mock-manifests.ts';
export {
  deploymentSchema,
  serviceSchema,
  kustomizationSchema,
  type Deployment,
  type Service,
  type Kustomization,
} from './k8s-schemas.ts';
export { MOCK_DEPLOYMENT_FILE, MOCK_SERVICE_FILE, MOCK_PROFILE_FILE } from './emit-mock.ts';
export { checkEmitFlags, type EmitFlagInput } from './emit-flags.ts';
export { readImageRef } from './image-ref.ts';
