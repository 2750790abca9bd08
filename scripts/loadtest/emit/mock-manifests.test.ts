import { describe, expect, it } from 'vitest';
import { deploymentSchema, kustomizationSchema, serviceSchema } from './k8s-schemas.ts';
import {
  buildMockManifests,
  DEFAULT_MOCK_IMAGE,
  MOCK_PORT,
  MOCK_SECRET_MOUNT,
  MOCK_TOKENS_SECRET,
  mockServiceUrl,
} from './mock-manifests.ts';
import { buildKustomization, buildTestRun, testRunSchema } from './testrun-manifest.ts';

const RUN_ID = '3f9c0a1b2c4d';
const build = (extra: Partial<Parameters<typeof buildMockManifests>[0]> = {}) => {
  const { deployment, service } = buildMockManifests({
    runId: RUN_ID,
    image: DEFAULT_MOCK_IMAGE,
    profile: 'mild',
    correlation: 'auto',
    seed: 7,
    ...extra,
  });
  return { deployment: deploymentSchema.parse(deployment), service: serviceSchema.parse(service) };
};

describe('the mock Graph API manifests', () => {
  const { deployment, service } = build();
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0]!;

  it('probe /healthz on the port the container listens on, with one replica by default', () => {
    expect(deployment.spec.replicas).toBe(1);
    expect(container.ports).toEqual([{ name: 'http', containerPort: MOCK_PORT, protocol: 'TCP' }]);
    for (const probe of [container.readinessProbe, container.livenessProbe])
      expect(probe.httpGet).toEqual({ path: '/healthz', port: MOCK_PORT });
    expect(container.args).toEqual(expect.arrayContaining(['--host', '0.0.0.0', '--port', String(MOCK_PORT)]));
  });

  it("run this run's chaos profile, correlation, run id and seed, as a local run's spawned mock does", () => {
    const args = container.args.join(' ');
    expect(args).toContain(`--profile mild --correlation auto --run-id ${RUN_ID} --seed 7`);
    expect(container.image).toBe(DEFAULT_MOCK_IMAGE);
  });

  it('set requests and limits of CPU and memory', () => {
    expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
  });

  it('run as a numeric non-root user on a read-only root filesystem, /tmp (tsx cache) an emptyDir', () => {
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    const tmp = container.volumeMounts.find((m) => m.mountPath === '/tmp');
    expect(pod.volumes.find((v) => v.name === tmp?.name)).toMatchObject({ emptyDir: {} });
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  it('read both tokens as files of the Secret, which they name and never contain', () => {
    const mount = container.volumeMounts.find((m) => m.mountPath === MOCK_SECRET_MOUNT);
    expect(mount).toMatchObject({ readOnly: true });
    const volume = pod.volumes.find((v) => v.name === mount?.name);
    expect(volume).toMatchObject({ secret: { secretName: MOCK_TOKENS_SECRET.name } });
    const files = Object.fromEntries(container.env.map((e) => [e.name, e.value]));
    expect(files).toEqual({
      WA_MOCK_ADMIN_TOKEN_FILE: `${MOCK_SECRET_MOUNT}/${MOCK_TOKENS_SECRET.adminTokenKey}`,
      WA_MOCK_ACCESS_TOKENS_FILE: `${MOCK_SECRET_MOUNT}/${MOCK_TOKENS_SECRET.accessTokensKey}`,
    });
    const text = JSON.stringify([deployment, service]);
    expect(text).not.toMatch(/"kind":"Secret"|"data"|"stringData"/);
  });

  it('put a ClusterIP Service on port 8089 in front of exactly the Deployment pods', () => {
    expect(service.spec.type).toBe('ClusterIP');
    expect(deployment.spec.selector.matchLabels).toEqual(service.spec.selector);
    expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
    const [port] = service.spec.ports;
    expect(port?.port).toBe(MOCK_PORT);
    expect(container.ports.find((p) => p.name === port?.targetPort)?.containerPort).toBe(MOCK_PORT);
    expect(mockServiceUrl()).toBe(`http://${service.metadata.name}:${MOCK_PORT}`);
    expect(mockServiceUrl('staging')).toBe(`http://${service.metadata.name}.staging:${MOCK_PORT}`);
  });

  it('keep the run id out of the selector, so the next run updates the same Deployment', () => {
    expect(Object.values(deployment.spec.selector.matchLabels)).not.toContain(RUN_ID);
    expect(deployment.spec.template.metadata.labels['wa-loadtest/run-id']).toBe(RUN_ID);
  });

  it('mount a chaos profile file from its ConfigMap and pass its path', () => {
    const withFile = build({ profile: 'my-profile.json', profileConfigMap: { name: 'wa-mock-chaos', file: 'p.json' } });
    const c = withFile.deployment.spec.template.spec.containers[0]!;
    expect(c.args.join(' ')).toContain('--profile /etc/wa-mock/p.json');
    const mount = c.volumeMounts.find((m) => m.mountPath === '/etc/wa-mock');
    expect(withFile.deployment.spec.template.spec.volumes.find((v) => v.name === mount?.name)).toEqual({
      name: mount?.name,
      configMap: { name: 'wa-mock-chaos' },
    });
  });

  it('give the k6 pods the admin token from the same Secret, by reference', () => {
    const ref = { name: MOCK_TOKENS_SECRET.name, key: MOCK_TOKENS_SECRET.adminTokenKey };
    const testRun = testRunSchema.parse(
      buildTestRun({
        runId: RUN_ID,
        scenario: 'load',
        parallelism: 2,
        configMapName: `wa-loadtest-${RUN_ID}`,
        appSecretRef: { name: 'wa-loadtest', key: 'app-secret' },
        mockAdminTokenRef: ref,
        k6Image: 'grafana/k6:1.3.0',
      }),
    );
    expect(testRun.spec.runner.env).toContainEqual({ name: 'WA_MOCK_ADMIN_TOKEN', valueFrom: { secretKeyRef: ref } });
  });
});

describe('the kustomization schema', () => {
  it('accepts what the emitter writes and refuses an empty or misspelt one', () => {
    const kustomization = buildKustomization({
      resources: ['mock-deployment.json', 'mock-service.json', 'testrun.json'],
      configMaps: [{ name: `wa-loadtest-${RUN_ID}`, files: ['archive.tar'] }],
    });
    expect(kustomizationSchema.parse(kustomization)).toEqual(kustomization);
    expect(kustomizationSchema.safeParse({ ...kustomization, resources: [] }).success).toBe(false);
    expect(kustomizationSchema.safeParse({ ...kustomization, resource: ['x'] }).success).toBe(false);
  });

  it('refuses a Deployment that could run as root', () => {
    const { deployment } = build();
    const rooted = structuredClone(deployment) as unknown as {
      spec: { template: { spec: { securityContext: object } } };
    };
    rooted.spec.template.spec.securityContext = { ...rooted.spec.template.spec.securityContext, runAsNonRoot: false };
    expect(deploymentSchema.safeParse(rooted).success).toBe(false);
  });
});
