import type { Deployment, Service } from './k8s-schemas.ts';

/** Deployment, Service and container name of the mock Graph API in the cluster. */
export const MOCK_NAME = 'wa-mock-graph-api';
export const MOCK_PORT = 8089;
export const DEFAULT_MOCK_IMAGE = 'wa-mock-graph-api:0.1.0';
/** The Secret the user creates (docs/staging.md); the manifests name it and never hold its data. */
export const MOCK_TOKENS_SECRET = {
  name: 'wa-mock-graph-api-tokens',
  adminTokenKey: 'admin-token',
  accessTokensKey: 'access-tokens',
} as const;
/** Where the image looks for the tokens (WA_MOCK_ADMIN_TOKEN_FILE, WA_MOCK_ACCESS_TOKENS_FILE in its Dockerfile). */
export const MOCK_SECRET_MOUNT = '/var/run/secrets/wa-mock';
/** A chaos profile file (not a built-in name) is mounted here from a ConfigMap. */
export const MOCK_PROFILE_MOUNT = '/etc/wa-mock';
/** The node image's unprivileged `node` user: runAsNonRoot can only check a numeric uid. */
const NODE_UID = 1000;

export interface MockManifestsInput {
  runId: string;
  image: string;
  /** Each replica keeps its own ledger (docs/staging.md); default 1. */
  replicas?: number;
  /** A built-in profile name, or, with profileConfigMap, the profile file inside it. */
  profile: string;
  /** ConfigMap holding a chaos profile file, mounted at MOCK_PROFILE_MOUNT. */
  profileConfigMap?: { name: string; file: string };
  correlation: string;
  seed: number;
}

/** The mock URL as pods in the same namespace reach it (namespaced when given). */
export function mockServiceUrl(namespace?: string): string {
  return `http://${MOCK_NAME}${namespace ? `.${namespace}` : ''}:${MOCK_PORT}`;
}

/**
 * The mock Graph API as a Deployment and a ClusterIP Service (pure). It runs the image's CMD with
 * this run's profile, correlation, run id and seed, as a local run's spawned mock does; tokens come
 * from files of the Secret MOCK_TOKENS_SECRET; the root filesystem is read-only, so /tmp (tsx's
 * compile cache, `os.tmpdir()/tsx-<uid>`) is an emptyDir.
 */
export function buildMockManifests(input: MockManifestsInput): { deployment: Deployment; service: Service } {
  const selector = { 'app.kubernetes.io/name': MOCK_NAME };
  const labels = { ...selector, 'app.kubernetes.io/part-of': 'wa-loadtest', 'wa-loadtest/run-id': input.runId };
  const profile = input.profileConfigMap ? `${MOCK_PROFILE_MOUNT}/${input.profileConfigMap.file}` : input.profile;
  const probe = (initialDelaySeconds: number, periodSeconds: number) => ({
    httpGet: { path: '/healthz', port: MOCK_PORT },
    initialDelaySeconds,
    periodSeconds,
    timeoutSeconds: 2,
    failureThreshold: 3,
  });
  const deployment: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: MOCK_NAME, labels },
    spec: {
      replicas: input.replicas ?? 1,
      // Only the name: a selector cannot change, and the next run's apply must update this Deployment.
      selector: { matchLabels: selector },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: NODE_UID,
            runAsGroup: NODE_UID,
            fsGroup: NODE_UID,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: MOCK_NAME,
              image: input.image,
              imagePullPolicy: 'IfNotPresent',
              args: mockArgs({ ...input, profile }),
              env: [
                { name: 'WA_MOCK_ADMIN_TOKEN_FILE', value: `${MOCK_SECRET_MOUNT}/${MOCK_TOKENS_SECRET.adminTokenKey}` },
                {
                  name: 'WA_MOCK_ACCESS_TOKENS_FILE',
                  value: `${MOCK_SECRET_MOUNT}/${MOCK_TOKENS_SECRET.accessTokensKey}`,
                },
              ],
              ports: [{ name: 'http', containerPort: MOCK_PORT, protocol: 'TCP' }],
              // tsx compiles the sources at start (a few seconds on a small CPU share).
              readinessProbe: probe(3, 5),
              livenessProbe: probe(15, 10),
              resources: { requests: { cpu: '250m', memory: '192Mi' }, limits: { cpu: '1', memory: '512Mi' } },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [
                { name: 'tokens', mountPath: MOCK_SECRET_MOUNT, readOnly: true },
                { name: 'tmp', mountPath: '/tmp', readOnly: false },
                ...(input.profileConfigMap
                  ? [{ name: 'chaos-profile', mountPath: MOCK_PROFILE_MOUNT, readOnly: true }]
                  : []),
              ],
            },
          ],
          volumes: [
            {
              name: 'tokens',
              secret: {
                secretName: MOCK_TOKENS_SECRET.name,
                // Readable by the node group (fsGroup), not by others.
                defaultMode: 0o440,
                items: [
                  { key: MOCK_TOKENS_SECRET.adminTokenKey, path: MOCK_TOKENS_SECRET.adminTokenKey },
                  { key: MOCK_TOKENS_SECRET.accessTokensKey, path: MOCK_TOKENS_SECRET.accessTokensKey },
                ],
              },
            },
            { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
            ...(input.profileConfigMap
              ? [{ name: 'chaos-profile', configMap: { name: input.profileConfigMap.name } }]
              : []),
          ],
        },
      },
    },
  };
  const service: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: MOCK_NAME, labels },
    spec: {
      type: 'ClusterIP',
      selector,
      ports: [{ name: 'http', port: MOCK_PORT, targetPort: 'http', protocol: 'TCP' }],
    },
  };
  return { deployment, service };
}

/** The image's CMD runs the mock on 0.0.0.0:8089; `args` would replace it, so it is repeated here. */
function mockArgs(input: MockManifestsInput): string[] {
  return [
    ...['node', '--import', 'tsx', 'scripts/mock.ts', '--host', '0.0.0.0', '--port', String(MOCK_PORT)],
    ...['--profile', input.profile, '--correlation', input.correlation],
    ...['--run-id', input.runId, '--seed', String(input.seed)],
  ];
}
