import Ajv, { type ValidateFunction } from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * The Kubernetes manifests in deploy/k8s, checked for the fields runq relies on (not the whole Kubernetes schema):
 * resource identity, containers with images, resources and probes, and the KEDA trigger shape. Cross-field rules
 * (grace period vs. longest job, KEDA target vs. worker concurrency, no Docker access for the API) follow.
 */
const DIR = join(__dirname, '../../../../deploy/k8s');

type Manifest = Record<string, any>;

function load(): Manifest[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => parseAllDocuments(readFileSync(join(DIR, f), 'utf8')).map((d) => d.toJS() as Manifest));
}

const quantity = { anyOf: [{ type: 'string', pattern: '^[0-9.]+(m|Mi|Gi|Ki)?$' }, { type: 'number' }] };
const probe = {
  type: 'object',
  required: ['periodSeconds'],
  properties: { periodSeconds: { type: 'integer', minimum: 1 } },
  oneOf: [
    { required: ['httpGet'], properties: { httpGet: { type: 'object', required: ['path', 'port'] } } },
    { required: ['exec'], properties: { exec: { type: 'object', required: ['command'] } } },
  ],
};
const resources = {
  type: 'object',
  required: ['requests', 'limits'],
  properties: {
    requests: { type: 'object', required: ['cpu', 'memory'], properties: { cpu: quantity, memory: quantity } },
    limits: { type: 'object', required: ['cpu', 'memory'], properties: { cpu: quantity, memory: quantity } },
  },
};
const metadata = (namespaced: boolean) => ({
  type: 'object',
  required: namespaced ? ['name', 'namespace'] : ['name'],
  properties: { name: { type: 'string', pattern: '^[a-z0-9-]+$' }, namespace: { const: 'runq' } },
});

/** A Kubernetes object: apiVersion, kind and metadata, plus the given top-level fields (all required). */
const resource = (apiVersion: string, fields: Record<string, object>, namespaced = true) => ({
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', ...Object.keys(fields)],
  properties: { apiVersion: { const: apiVersion }, metadata: metadata(namespaced), ...fields },
});
const stringMap = { type: 'object', additionalProperties: { type: 'string' } };

const schemas: Record<string, object> = {
  Namespace: resource('v1', {}, false),
  ConfigMap: resource('v1', { data: stringMap }),
  Secret: resource('v1', { stringData: stringMap }),
  Service: resource('v1', {
    spec: {
      type: 'object',
      required: ['selector', 'ports'],
      properties: { ports: { type: 'array', minItems: 1, items: { type: 'object', required: ['port', 'targetPort'] } } },
    },
  }),
  Deployment: resource('apps/v1', {
    spec: {
      type: 'object',
      required: ['selector', 'template'],
      properties: {
        selector: { type: 'object', required: ['matchLabels'] },
        template: {
          type: 'object',
          required: ['metadata', 'spec'],
          properties: {
            metadata: { type: 'object', required: ['labels'] },
            spec: {
              type: 'object',
              required: ['containers', 'terminationGracePeriodSeconds'],
              properties: {
                terminationGracePeriodSeconds: { type: 'integer', minimum: 1 },
                containers: {
                  type: 'array',
                  minItems: 1,
                  items: {
                    type: 'object',
                    required: ['name', 'image', 'resources', 'livenessProbe'],
                    properties: {
                      name: { type: 'string' },
                      image: { type: 'string', minLength: 1 },
                      resources,
                      livenessProbe: probe,
                      readinessProbe: probe,
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  }),
  TriggerAuthentication: resource('keda.sh/v1alpha1', {
    spec: {
      type: 'object',
      required: ['secretTargetRef'],
      properties: {
        secretTargetRef: {
          type: 'array',
          minItems: 1,
          items: { type: 'object', required: ['parameter', 'name', 'key'], properties: { parameter: { const: 'apiKey' } } },
        },
      },
    },
  }),
  ScaledObject: resource('keda.sh/v1alpha1', {
    spec: {
      type: 'object',
      required: ['scaleTargetRef', 'minReplicaCount', 'maxReplicaCount', 'triggers'],
      properties: {
        scaleTargetRef: { type: 'object', required: ['name'] },
        minReplicaCount: { type: 'integer', minimum: 0 },
        maxReplicaCount: { type: 'integer', minimum: 1 },
        triggers: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['type', 'metadata', 'authenticationRef'],
            properties: {
              type: { const: 'metrics-api' },
              authenticationRef: { type: 'object', required: ['name'] },
              metadata: {
                type: 'object',
                required: ['url', 'valueLocation', 'targetValue', 'authMode', 'keyParamName'],
                properties: {
                  url: { type: 'string', pattern: '^https?://[^/]+/metrics/backlog(\\?pool=[a-z][a-z0-9-]*)?$' },
                  valueLocation: { const: 'backlog' },
                  targetValue: { type: 'string', pattern: '^[1-9][0-9]*$' },
                  authMode: { const: 'apiKey' },
                  keyParamName: { enum: ['X-API-Key', 'Authorization'] },
                },
              },
            },
          },
        },
      },
    },
  }),
};

const ajv = new Ajv({ allErrors: true, strict: false });
const validators: Record<string, ValidateFunction> = Object.fromEntries(Object.entries(schemas).map(([kind, s]) => [kind, ajv.compile(s)]));
const envelope = ajv.compile({
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata'],
  properties: { kind: { enum: Object.keys(schemas) } },
});

function errorsOf(manifest: Manifest): string[] {
  if (!envelope(manifest)) return ajv.errorsText(envelope.errors).split(', ');
  const validate = validators[manifest.kind];
  return validate(manifest) ? [] : ajv.errorsText(validate.errors).split(', ');
}

const find = (all: Manifest[], kind: string, name: string) => {
  const found = all.find((m) => m.kind === kind && m.metadata?.name === name);
  if (!found) throw new Error(`${kind}/${name} missing`);
  return found;
};

describe('deploy/k8s manifests', () => {
  const all = load();
  const config = find(all, 'ConfigMap', 'runq-config').data as Record<string, string>;
  const api = find(all, 'Deployment', 'runq-api');
  const worker = find(all, 'Deployment', 'runq-worker');
  const scaled = find(all, 'ScaledObject', 'runq-worker');

  it('all validate against their schema', () => {
    expect(all.length).toBeGreaterThanOrEqual(9);
    expect(all.map((m) => ({ id: `${m.kind}/${m.metadata?.name}`, errors: errorsOf(m) })).filter((r) => r.errors.length)).toEqual([]);
  });

  it.each([
    ['a container image', (m: Manifest) => delete m.spec.template.spec.containers[0].image, 'Deployment'],
    ['container resources', (m: Manifest) => delete m.spec.template.spec.containers[0].resources, 'Deployment'],
    ['a memory limit', (m: Manifest) => delete m.spec.template.spec.containers[0].resources.limits.memory, 'Deployment'],
    ['the liveness probe', (m: Manifest) => delete m.spec.template.spec.containers[0].livenessProbe, 'Deployment'],
    ['the grace period', (m: Manifest) => delete m.spec.template.spec.terminationGracePeriodSeconds, 'Deployment'],
    ['the namespace', (m: Manifest) => delete m.metadata.namespace, 'Deployment'],
    ['the trigger valueLocation', (m: Manifest) => delete m.spec.triggers[0].metadata.valueLocation, 'ScaledObject'],
    ['the trigger auth reference', (m: Manifest) => delete m.spec.triggers[0].authenticationRef, 'ScaledObject'],
    ['the scale target', (m: Manifest) => delete m.spec.scaleTargetRef, 'ScaledObject'],
  ])('rejects a manifest without %s', (_what, remove, kind) => {
    const manifest = structuredClone(kind === 'Deployment' ? worker : scaled);
    expect(errorsOf(manifest)).toEqual([]);
    remove(manifest);
    expect(errorsOf(manifest).length).toBeGreaterThan(0);
  });

  it('gives workers a grace period above the longest job and the shutdown grace', () => {
    const grace = worker.spec.template.spec.terminationGracePeriodSeconds as number;
    expect(grace * 1000).toBeGreaterThan(Number(config.RUNQ_MAX_TIMEOUT_MS));
    expect(grace * 1000).toBeGreaterThan(Number(config.RUNQ_SHUTDOWN_GRACE_MS));
  });

  it('keeps selectors, the service and the scale target consistent', () => {
    for (const d of [api, worker]) expect(d.spec.template.metadata.labels).toMatchObject(d.spec.selector.matchLabels);
    expect(api.spec.template.metadata.labels).toMatchObject(find(all, 'Service', 'runq-api').spec.selector);
    expect(scaled.spec.scaleTargetRef.name).toBe(worker.metadata.name);
    const trigger = scaled.spec.triggers[0];
    find(all, 'TriggerAuthentication', trigger.authenticationRef.name);
    expect(trigger.metadata.url).toContain(`//${find(all, 'Service', 'runq-api').metadata.name}.runq.`);
  });

  it('targets one worker per RUNQ_WORKER_CONCURRENCY jobs of backlog', () => {
    expect(scaled.spec.triggers[0].metadata.targetValue).toBe(config.RUNQ_WORKER_CONCURRENCY);
  });

  it('gives the API no Docker access and no privileges', () => {
    const spec = api.spec.template.spec;
    expect(JSON.stringify(spec)).not.toMatch(/docker\.sock|hostPath|privileged"?:\s*true|DOCKER_HOST/);
    for (const c of spec.containers) expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false });
  });

  it('runs workers only on tainted sandbox nodes, with the Docker engine private to the pod', () => {
    const spec = worker.spec.template.spec;
    expect(spec.tolerations).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'runq.dev/sandbox', effect: 'NoSchedule' })]));
    expect(spec.nodeSelector).toEqual({ 'runq.dev/sandbox': 'true' });
    expect(JSON.stringify(spec)).not.toMatch(/hostPath/);
    const dind = spec.containers.find((c: Manifest) => c.name === 'dind');
    expect(dind.args).toContain('--host=tcp://127.0.0.1:2375');
  });
});
