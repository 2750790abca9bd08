import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Scenario } from '../../../common/contracts/index.ts';
import { BUILTIN_PROFILES } from '../../../mock-graph-api/index.ts';
import { deploymentSchema, serviceSchema } from './k8s-schemas.ts';
import { buildMockManifests, MOCK_NAME } from './mock-manifests.ts';

/** What the mock adds to the run's kustomization. */
export interface EmittedMock {
  resources: string[];
  configMaps: { name: string; files: string[] }[];
}

export const MOCK_DEPLOYMENT_FILE = 'mock-deployment.json';
export const MOCK_SERVICE_FILE = 'mock-service.json';
/** A chaos profile given as a file travels in a ConfigMap (the image holds only the built-in ones). */
export const MOCK_PROFILE_FILE = 'mock-chaos-profile.json';

/** Writes the mock Graph API's Deployment and Service into the run folder (and its chaos profile file, if any). */
export async function emitMock(
  dir: string,
  input: { runId: string; image: string; scenario: Scenario },
): Promise<EmittedMock> {
  const { scenario } = input;
  const fromFile = !BUILTIN_PROFILES.has(scenario.chaos);
  const profileConfigMap = fromFile ? { name: `${MOCK_NAME}-chaos`, file: MOCK_PROFILE_FILE } : undefined;
  if (fromFile) await copyFile(scenario.chaos, join(dir, MOCK_PROFILE_FILE));
  const { deployment, service } = buildMockManifests({
    runId: input.runId,
    image: input.image,
    profile: scenario.chaos,
    ...(profileConfigMap ? { profileConfigMap } : {}),
    correlation: scenario.correlation,
    seed: scenario.seed,
  });
  await writeFile(join(dir, MOCK_DEPLOYMENT_FILE), JSON.stringify(deploymentSchema.parse(deployment), null, 2) + '\n');
  await writeFile(join(dir, MOCK_SERVICE_FILE), JSON.stringify(serviceSchema.parse(service), null, 2) + '\n');
  return {
    resources: [MOCK_DEPLOYMENT_FILE, MOCK_SERVICE_FILE],
    configMaps: profileConfigMap ? [{ name: profileConfigMap.name, files: [MOCK_PROFILE_FILE] }] : [],
  };
}
