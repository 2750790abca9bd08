import { z } from 'zod';
import type { Kustomization } from './k8s-schemas.ts';

const envVarSchema = z.union([
  z.strictObject({ name: z.string().min(1), value: z.string() }),
  z.strictObject({
    name: z.string().min(1),
    valueFrom: z.strictObject({ secretKeyRef: z.strictObject({ name: z.string().min(1), key: z.string().min(1) }) }),
  }),
]);

/** The subset of k6-operator's `TestRun` (k6.io/v1alpha1) we emit, strict so a typo fails. */
export const testRunSchema = z.strictObject({
  apiVersion: z.literal('k6.io/v1alpha1'),
  kind: z.literal('TestRun'),
  metadata: z.strictObject({
    name: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
      .max(63),
    labels: z.record(z.string(), z.string()),
  }),
  spec: z.strictObject({
    parallelism: z.number().int().min(1),
    separate: z.boolean(),
    arguments: z.string(),
    script: z.strictObject({ configMap: z.strictObject({ name: z.string().min(1), file: z.string().min(1) }) }),
    runner: z.strictObject({ image: z.string().min(1), env: z.array(envVarSchema) }),
  }),
});
export type TestRun = z.infer<typeof testRunSchema>;

export interface TestRunInput {
  runId: string;
  scenario: string;
  parallelism: number;
  /** Name of the ConfigMap holding archive.tar. */
  configMapName: string;
  /** Kubernetes Secret and key holding the app secret (never the value). */
  appSecretRef: { name: string; key: string };
  /** Secret and key holding the credential header values as JSON (WA_SECRET_HEADERS), when there are any. */
  secretHeadersRef?: { name: string; key: string };
  /** Secret and key holding the mock's admin token (WA_MOCK_ADMIN_TOKEN): setup() resets the mock with it. */
  mockAdminTokenRef?: { name: string; key: string };
  k6Image: string;
}

/** The TestRun for one distributed run (pure). Secrets are referenced, never written. */
export function buildTestRun(input: TestRunInput): TestRun {
  return {
    apiVersion: 'k6.io/v1alpha1',
    kind: 'TestRun',
    metadata: {
      name: `wa-loadtest-${input.runId}`,
      labels: {
        'app.kubernetes.io/name': 'wa-loadtest',
        'wa-loadtest/run-id': input.runId,
        'wa-loadtest/scenario': input.scenario,
      },
    },
    spec: {
      parallelism: input.parallelism,
      separate: false,
      // testid groups every instance's samples in Prometheus / Grafana Cloud; the run id is the
      // same in every pod so wamids decode to one run, and iterationInTest keeps seqs unique.
      arguments: `--tag testid=${input.runId} -e WA_RUN_ID=${input.runId}`,
      script: { configMap: { name: input.configMapName, file: 'archive.tar' } },
      runner: {
        image: input.k6Image,
        env: [
          { name: 'WA_RUN_ID', value: input.runId },
          { name: 'K6_NO_USAGE_REPORT', value: 'true' },
          { name: 'WA_APP_SECRET', valueFrom: { secretKeyRef: input.appSecretRef } },
          ...(input.secretHeadersRef
            ? [{ name: 'WA_SECRET_HEADERS', valueFrom: { secretKeyRef: input.secretHeadersRef } }]
            : []),
          ...(input.mockAdminTokenRef
            ? [{ name: 'WA_MOCK_ADMIN_TOKEN', valueFrom: { secretKeyRef: input.mockAdminTokenRef } }]
            : []),
        ],
      },
    },
  };
}

/**
 * The kustomization of one run: generates the ConfigMaps (archive.tar; a chaos profile file) and
 * applies every manifest listed, so one `kubectl apply -k` starts the mock and the load.
 */
export function buildKustomization(input: {
  resources: string[];
  configMaps: { name: string; files: string[] }[];
}): Kustomization {
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: input.resources,
    generatorOptions: { disableNameSuffixHash: true },
    configMapGenerator: input.configMaps,
  };
}
