// The live scan against the real parts: the local kube-apiserver (with kube-controller-manager making ReplicaSets
// and pods, kwok running them) reached through KubeClient with in-process EKS tokens and the endpoint override, and
// the local AWS (moto behind the stand-in) for the cluster-level checks. Then `wharf scan` as a process, built as
// shipped, reading its endpoint override from .wharf.yaml.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type * as esbuild from 'esbuild';
import { apply, kubeRequest } from '../env/kube-api';
import { PRINCIPALS } from '../env/kube';
import { FIRST_NODE } from '../env/kwok';
import { requireEnv } from '../env/env';
import { ESTATE_EKS, seedAws } from '../env/seed-aws';
import { gatherClusterFacts } from '../../src/scan/cluster-facts';
import { runScan, type ScanResult } from '../../src/scan/run';
import { Connections } from '../../src/views/connections';
import type { EksClusterRef } from '../../src/views/target';
import { adminCreds, caFile, cluster, server } from './kube-helpers';

const NS = 'wharf-it-scan';
const SYS = 'wharf-it-scan-sys';
const root = path.resolve(__dirname, '../..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-scan-it-'));
const signal = () => AbortSignal.timeout(60_000);

const template = (app: string, image: string) => ({
  metadata: { labels: { app } },
  spec: { containers: [{ name: 'app', image, ports: [{ containerPort: 8080 }] }] },
});

async function until<T>(what: string, f: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The line of a finding's document the finding starts on. */
function lineOf(r: ScanResult, file: string, ruleId: string): string {
  const f = r.findings.find((x) => x.file === file && x.ruleId === ruleId);
  assert.ok(f, `${ruleId} on ${file}; found: ${r.findings.filter((x) => x.file === file).map((x) => x.ruleId).join(', ')}`);
  return r.texts.get(file)!.split('\n')[f.location.line - 1];
}

describe('the live scan against the local Kubernetes and AWS', { timeout: 300_000 }, () => {
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  let conn: Connections;
  const ref = (): EksClusterRef => ({ region: 'us-east-1', clusterName: cluster() });
  const doc = (plural: string, name: string, ns = NS) => `${cluster()}/${ns}/${plural}/${name}.yaml`;

  before(async () => {
    process.env.AWS_ACCESS_KEY_ID = PRINCIPALS.admin.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = PRINCIPALS.admin.secretAccessKey;
    requireEnv('AWS_ENDPOINT_URL');
    await seedAws(requireEnv('WHARF_TEST_AWS_ENDPOINT'), { eks: [{ ...ESTATE_EKS[0], name: cluster(), region: 'us-east-1' }], ecs: [] });
    const c = adminCreds();
    await apply(c, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    const deploy = (ns: string, name: string, replicas: number, image: string) =>
      apply(c, `/apis/apps/v1/namespaces/${ns}/deployments`, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { replicas, selector: { matchLabels: { app: name } }, template: template(name, image) } });
    await deploy(NS, 'web', 2, 'nginx:latest');
    await deploy(NS, 'api', 2, 'public.ecr.aws/nginx/nginx:1.27');
    await apply(c, `/apis/policy/v1/namespaces/${NS}/poddisruptionbudgets`, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'api' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'api' } } } });
    await apply(c, `/api/v1/namespaces/${NS}/pods`, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug' }, spec: { nodeName: FIRST_NODE, containers: [{ name: 'shell', image: 'public.ecr.aws/docker/library/busybox:1.36' }] } });
    await deploy('kube-system', SYS, 1, 'nginx:latest');
    // The controller-manager's ReplicaSets and pods: the objects the scan must skip in favour of their owners.
    await until('the Deployments\' pods', async () => {
      const pods = (await kubeRequest<{ items: unknown[] }>(c, 'GET', `/api/v1/namespaces/${NS}/pods`)).body.items;
      return pods.length >= 5 ? pods : undefined;
    });
    conn = new Connections({ endpointOverrides: () => ({ [cluster()]: { url: server(), ca: fs.readFileSync(caFile(), 'utf8') } }) });
  });
  after(() => {
    conn?.dispose();
    process.env.AWS_ACCESS_KEY_ID = saved.id;
    process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('a namespace: findings on the right lines of the rendered documents, owned objects skipped, pages of one', async () => {
    const client = await conn.kube(ref(), undefined, signal());
    const r = await runScan({ client, clusterName: cluster(), region: 'us-east-1', namespace: NS, signal: signal(), pageSize: 1 });
    assert.match(lineOf(r, doc('deployments', 'web'), 'image-tag-pinned'), /^\s+image: nginx:latest$/);
    assert.match(lineOf(r, doc('deployments', 'web'), 'pdb-missing'), /^ {2}name: web$/);
    assert.match(lineOf(r, doc('pods', 'debug'), 'no-bare-pods'), /^kind: Pod$/);
    // The PDB is linted with the workloads it selects: minAvailable equal to api's replicas blocks every drain.
    assert.match(lineOf(r, doc('poddisruptionbudgets', 'api'), 'pdb-blocks-drain'), /minAvailable: 2/);
    assert.ok(!r.findings.some((f) => f.file === doc('deployments', 'api') && f.ruleId === 'pdb-missing'), 'api has a PDB');
    // Owned ReplicaSets and pods: no documents, counted as skipped.
    const files = new Set(r.findings.map((f) => f.file));
    assert.ok(![...files].some((f) => /\/replicasets\//.test(f) || /\/pods\/(web|api)-/.test(f)), [...files].join(', '));
    assert.ok(r.stats.skippedOwned >= 6, `skipped ${r.stats.skippedOwned}`);
    assert.deepEqual(r.stats.byKind, { PodDisruptionBudget: 1, ServiceAccount: 1, Deployment: 2, Pod: 1 });
    // The rendered document is what a person wrote: no status, no managed fields.
    const web = r.texts.get(doc('deployments', 'web'))!;
    assert.ok(!/^status:|managedFields|resourceVersion/m.test(web), web);
  });

  it('the whole cluster: kube-system excluded unless asked, cluster-level checks from the local EKS', async () => {
    const client = await conn.kube(ref(), undefined, signal());
    const session = conn.session(ref());
    const facts = () => gatherClusterFacts({ eks: session.eks('us-east-1'), region: 'us-east-1', clusterName: cluster(), kube: client, signal: signal() });
    const r = await runScan({ client, clusterName: cluster(), region: 'us-east-1', facts, signal: signal() });
    assert.ok(!r.findings.some((f) => f.object?.namespace === 'kube-system'), 'kube-system is excluded');
    assert.ok(r.findings.some((f) => f.file === doc('deployments', 'web')));
    assert.ok(!r.findings.some((f) => /system:|\/eks:/.test(f.file)), 'no system RBAC objects');
    // shop-prod's shape: aws-auth and access entries both on.
    const auth = r.findings.find((f) => f.ruleId === 'eks-authentication-mode');
    assert.ok(auth, r.findings.filter((f) => !f.object).map((f) => f.ruleId).join(', ') + ' | ' + r.notes.join(' | '));
    assert.equal(auth.severity, 'info');
    assert.match(r.texts.get(auth.file)!.split('\n')[auth.location.line - 1], /authenticationMode: API_AND_CONFIG_MAP/);

    const all = await runScan({ client, clusterName: cluster(), region: 'us-east-1', includeSystem: true, signal: signal() });
    assert.match(lineOf(all, doc('deployments', SYS, 'kube-system'), 'image-tag-pinned'), /image: nginx:latest/);
  });

  describe('wharf scan as a process (the shipped bundles)', () => {
    const dist = path.join(scratch, 'dist');
    const wharf = (args: string[]) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const env = { ...process.env, AWS_ACCESS_KEY_ID: PRINCIPALS.admin.accessKeyId, AWS_SECRET_ACCESS_KEY: PRINCIPALS.admin.secretAccessKey, AWS_PROFILE: '', NO_COLOR: '1' };
        const child = spawn(process.execPath, [path.join(dist, 'cli.js'), 'scan', ...args], { cwd: scratch, env });
        let out = '';
        let err = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
        child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
        child.on('close', (code) => resolve({ code, out, err }));
      });

    before(async () => {
      const { shippedBuilds } = (await import(pathToFileURL(path.join(root, 'esbuild.mjs')).href)) as { shippedBuilds: (o: { production: boolean }) => esbuild.BuildOptions[] };
      const esb = await import('esbuild');
      await Promise.all(shippedBuilds({ production: true }).slice(1).map((b) => esb.build({ ...b, outdir: dist, logLevel: 'error' })));
      // The override as a person writes it: the CA as a path next to .wharf.yaml.
      fs.copyFileSync(caFile(), path.join(scratch, 'cluster-ca.pem'));
      fs.writeFileSync(path.join(scratch, '.wharf.yaml'), `eks:\n  endpointOverrides:\n    ${cluster()}:\n      url: ${server()}\n      ca: cluster-ca.pem\n`);
    });

    it('--format json: the findings, and exit 1 exactly when one is an error', async () => {
      const r = await wharf(['--cluster-name', cluster(), '--region', 'us-east-1', '--namespace', NS, '--format', 'json']);
      const findings = JSON.parse(r.out) as { file: string; ruleId: string; severity: string; line: number }[];
      assert.ok(findings.some((f) => f.file === doc('deployments', 'web') && f.ruleId === 'image-tag-pinned'), r.err);
      assert.equal(r.code, findings.some((f) => f.severity === 'error') ? 1 : 0, r.err);
      assert.match(r.err, /objects linted of \d+ listed \(\d+ owned by a controller/);
    });

    it('--format sarif: a SARIF log with the cluster-level rules described', async () => {
      const r = await wharf(['--cluster-name', cluster(), '--region', 'us-east-1', '--format', 'sarif']);
      assert.ok(r.code === 0 || r.code === 1, r.err);
      const log = JSON.parse(r.out);
      const run = log.runs[0];
      assert.equal(log.version, '2.1.0');
      const rules = run.tool.driver.rules as { id: string; helpUri: string }[];
      const auth = (run.results as { ruleId: string; ruleIndex: number }[]).find((x) => x.ruleId === 'eks-authentication-mode');
      assert.ok(auth, r.err);
      assert.match(rules[auth.ruleIndex].helpUri, /docs\.aws\.amazon\.com\/eks\/latest\/best-practices/);
    });

    it('a cluster it cannot reach: exit 1 with one line, no stack', async () => {
      const r = await wharf(['--cluster-name', 'no-such-cluster', '--region', 'us-east-1']);
      assert.equal(r.code, 1);
      assert.match(r.err, /^wharf scan: /);
      assert.doesNotMatch(r.err, /\n\s+at /);
    });
  });
});
