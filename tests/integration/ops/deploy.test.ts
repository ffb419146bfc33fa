import fs from 'node:fs';
import path from 'node:path';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Service } from 'kubernetes-models/v1/Service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { metrics } from '../../../electron/main/observability/metrics';
import { startTempServer } from '../../support/tempServer';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const K8S = path.join(ROOT, 'deploy', 'kubernetes');

/** The Kubernetes schema classes (generated from the API server's OpenAPI) by apiVersion/kind. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form YAML, walked by the assertions below
type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; spec?: Record<string, any>; data?: Record<string, string> };

function manifests(): Array<{ file: string; doc: Manifest }> {
  return fs.readdirSync(K8S).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').flatMap((file) =>
    parseAllDocuments(fs.readFileSync(path.join(K8S, file), 'utf8')).map((d) => ({ file, doc: d.toJS() as Manifest })));
}

const byKind = (kind: string) => manifests().find((m) => m.doc.kind === kind)!.doc;

describe('Kubernetes manifests', () => {
  let server: Awaited<ReturnType<typeof startTempServer>>;
  beforeAll(async () => {
    server = await startTempServer(undefined, { AISER_NO_DEMO: '1' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('validate against the Kubernetes schemas, and kustomization lists every file', () => {
    const all = manifests();
    expect(all.map((m) => m.doc.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'NetworkPolicy', 'PersistentVolumeClaim', 'PodDisruptionBudget', 'Service']);
    for (const { file, doc } of all) {
      const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
      expect(Model, `${file}: ${doc.apiVersion} ${doc.kind}`).toBeDefined();
      expect(() => new Model(doc as never).validate(), file).not.toThrow();
    }
    const kustomization = parseAllDocuments(fs.readFileSync(path.join(K8S, 'kustomization.yaml'), 'utf8'))[0].toJS() as { resources: string[] };
    expect([...kustomization.resources].sort()).toEqual([...new Set(all.map((m) => m.file))].sort());
  });

  it('the validator really rejects a broken manifest', () => {
    const broken = structuredClone(byKind('Deployment')) as Manifest;
    broken.spec!.template.spec.containers[0].ports[0].containerPort = 'seventy';
    expect(() => new Deployment(broken as never).validate()).toThrow(/containerPort/);
  });

  it('runs as non-root on a read-only root file system with probes on routes the server answers', async () => {
    const deployment = byKind('Deployment');
    const pod = deployment.spec!.template.spec;
    const container = pod.containers[0];
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
    expect(container.volumeMounts.map((m: { mountPath: string }) => m.mountPath)).toEqual(expect.arrayContaining(['/data', '/tmp']));
    const port = container.ports.find((p: { name: string }) => p.name === 'http').containerPort;
    expect(String(port)).toBe(byKind('ConfigMap').data!.AISER_PORT);
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      const { path: probePath, port: probePort } = container[probe].httpGet;
      expect(probePort).toBe('http');
      const response = await fetch(`${server.url}${probePath}`);
      expect(response.status, `${probe} ${probePath}`).toBe(200);
    }
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
  });

  it('service, autoscaler, disruption budget and network policy point at the Deployment', () => {
    const deployment = byKind('Deployment');
    const labels = deployment.spec!.template.metadata.labels;
    const matches = (selector: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);
    expect(matches(byKind('Service').spec!.selector)).toBe(true);
    expect(matches(byKind('PodDisruptionBudget').spec!.selector.matchLabels)).toBe(true);
    expect(matches(byKind('NetworkPolicy').spec!.podSelector.matchLabels)).toBe(true);
    const hpa = byKind('HorizontalPodAutoscaler').spec!;
    expect(hpa.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: deployment.metadata.name });
    expect(hpa.minReplicas).toBeGreaterThanOrEqual(2);
    const ingressPorts = byKind('NetworkPolicy').spec!.ingress.flatMap((rule: { ports: Array<{ port: number }> }) => rule.ports.map((p) => p.port));
    expect(ingressPorts).toContain(Number(byKind('ConfigMap').data!.AISER_PORT));
  });
});

describe('Dockerfile', () => {
  const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const final = stages.at(-1)!;

  it('is multi-stage with a final stage free of build tools', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages[0]).toMatch(/g\+\+/);
    expect(final).not.toMatch(/apt-get install|g\+\+|\bmake\b|python3|npm (ci|install)/);
    expect(final).toMatch(/COPY --from=build/);
  });

  it('runs as a numeric non-root user, exposes the configured port, checks /healthz and starts the built bundle', () => {
    const user = /^USER (\d+)(?::(\d+))?/m.exec(final);
    expect(user && Number(user[1])).toBeGreaterThan(0);
    expect(final).toMatch(/^EXPOSE 7420$/m);
    expect(final).toMatch(/HEALTHCHECK[\s\S]*\/healthz/);
    const entry = /^ENTRYPOINT \["node", "([^"]+)"\]/m.exec(final)?.[1];
    expect(entry).toBeDefined();
    expect(fs.readFileSync(path.join(ROOT, 'scripts', 'build-main.mjs'), 'utf8')).toContain(`outfile: '${entry}'`);
  });
});

describe('monitoring files', () => {
  const known = new Set((metrics.registry.getMetricsAsArray() as Array<{ name: string }>).flatMap((m) => [m.name, `${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`]));
  const used = (text: string) => [...text.matchAll(/\baiser_[a-z_]+/g)].map((m) => m[0]);

  it('alert rules and the Grafana dashboard only use metrics the server exports', () => {
    const rules = fs.readFileSync(path.join(ROOT, 'deploy', 'prometheus', 'aiser-alerts.yaml'), 'utf8');
    const dashboard = fs.readFileSync(path.join(ROOT, 'deploy', 'grafana', 'aiser-dashboard.json'), 'utf8');
    const names = [...used(rules), ...used(dashboard)];
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect(known.has(name), name).toBe(true);
    const groups = parseAllDocuments(rules)[0].toJS() as { groups: Array<{ rules: Array<{ alert: string; expr: string }> }> };
    expect(groups.groups[0].rules.length).toBeGreaterThanOrEqual(5);
    expect((JSON.parse(dashboard) as { panels: unknown[] }).panels.length).toBeGreaterThanOrEqual(8);
  });
});
