import { z } from 'zod';

// The subset of the Kubernetes API the emitted manifests use, strict so a typo or a field we did
// not mean to write fails the schema test instead of being ignored by the API server.

const nameSchema = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
  .max(63);
const labelsSchema = z.record(z.string(), z.string());
const metadataSchema = z.strictObject({ name: nameSchema, labels: labelsSchema });
const quantitySchema = z.string().regex(/^\d+(\.\d+)?(m|Ki|Mi|Gi)?$/);
const resourceListSchema = z.strictObject({ cpu: quantitySchema, memory: quantitySchema });

export const probeSchema = z.strictObject({
  httpGet: z.strictObject({ path: z.string().startsWith('/'), port: z.number().int().min(1).max(65535) }),
  initialDelaySeconds: z.number().int().nonnegative(),
  periodSeconds: z.number().int().positive(),
  timeoutSeconds: z.number().int().positive(),
  failureThreshold: z.number().int().positive(),
});

const envVarSchema = z.strictObject({ name: z.string().min(1), value: z.string() });

export const containerSchema = z.strictObject({
  name: nameSchema,
  image: z.string().min(1),
  imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']),
  args: z.array(z.string()),
  env: z.array(envVarSchema),
  ports: z.array(z.strictObject({ name: z.string(), containerPort: z.number().int(), protocol: z.literal('TCP') })),
  readinessProbe: probeSchema,
  livenessProbe: probeSchema,
  resources: z.strictObject({ requests: resourceListSchema, limits: resourceListSchema }),
  securityContext: z.strictObject({
    allowPrivilegeEscalation: z.literal(false),
    readOnlyRootFilesystem: z.boolean(),
    capabilities: z.strictObject({ drop: z.array(z.string()) }),
  }),
  volumeMounts: z.array(
    z.strictObject({ name: nameSchema, mountPath: z.string().startsWith('/'), readOnly: z.boolean() }),
  ),
});

/** A volume from a Secret or ConfigMap (by name only: the object itself is never emitted here) or an emptyDir. */
export const volumeSchema = z.union([
  z.strictObject({
    name: nameSchema,
    secret: z.strictObject({
      secretName: nameSchema,
      defaultMode: z.number().int(),
      items: z.array(z.strictObject({ key: z.string().min(1), path: z.string().min(1) })),
    }),
  }),
  z.strictObject({ name: nameSchema, configMap: z.strictObject({ name: nameSchema }) }),
  z.strictObject({ name: nameSchema, emptyDir: z.strictObject({ sizeLimit: quantitySchema }) }),
]);

export const deploymentSchema = z.strictObject({
  apiVersion: z.literal('apps/v1'),
  kind: z.literal('Deployment'),
  metadata: metadataSchema,
  spec: z.strictObject({
    replicas: z.number().int().min(1),
    selector: z.strictObject({ matchLabels: labelsSchema }),
    template: z.strictObject({
      metadata: z.strictObject({ labels: labelsSchema }),
      spec: z.strictObject({
        automountServiceAccountToken: z.boolean(),
        securityContext: z.strictObject({
          runAsNonRoot: z.literal(true),
          runAsUser: z.number().int().positive(),
          runAsGroup: z.number().int().positive(),
          fsGroup: z.number().int().positive(),
          seccompProfile: z.strictObject({ type: z.literal('RuntimeDefault') }),
        }),
        containers: z.array(containerSchema).min(1),
        volumes: z.array(volumeSchema),
      }),
    }),
  }),
});
export type Deployment = z.infer<typeof deploymentSchema>;

export const serviceSchema = z.strictObject({
  apiVersion: z.literal('v1'),
  kind: z.literal('Service'),
  metadata: metadataSchema,
  spec: z.strictObject({
    type: z.literal('ClusterIP'),
    selector: labelsSchema,
    ports: z.array(
      z.strictObject({
        name: z.string(),
        port: z.number().int(),
        targetPort: z.union([z.number().int(), z.string()]),
        protocol: z.literal('TCP'),
      }),
    ),
  }),
});
export type Service = z.infer<typeof serviceSchema>;

export const kustomizationSchema = z.strictObject({
  apiVersion: z.literal('kustomize.config.k8s.io/v1beta1'),
  kind: z.literal('Kustomization'),
  resources: z.array(z.string().min(1)).min(1),
  generatorOptions: z.strictObject({ disableNameSuffixHash: z.boolean() }),
  configMapGenerator: z.array(z.strictObject({ name: nameSchema, files: z.array(z.string().min(1)).min(1) })),
});
export type Kustomization = z.infer<typeof kustomizationSchema>;
