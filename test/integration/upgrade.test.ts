// The upgrade readiness report over the real parts: the local API server (a CRD stored in a deprecated version,
// requests to the deprecated resource.k8s.io/v1beta1, a node two minors behind; test/env/seed-upgrade.ts), the
// local AWS (moto behind the stand-in, which serves ListInsights / DescribeInsight / DescribeAddonVersions), read as
// the admin, as the viewer (403s on /metrics, CRDs and nodes) and against raw moto (which lacks those operations).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { getEksToken } from '../../src/aws/eks-token';
import { AwsSession } from '../../src/aws/session';
import { gatherUpgradeFacts } from '../../src/commands/upgrade/gather';
import { KubeClient } from '../../src/kube/client';
import { lintDeprecatedApis } from '../../src/upgrade/lint-deprecated';
import { reportMarkdown, plainLinks } from '../../src/upgrade/markdown';
import { assembleReport } from '../../src/upgrade/report';
import { requireEnv } from '../env/env';
import { PRINCIPALS } from '../env/kube';
import { addFakeNode, FIRST_NODE, nodeReady } from '../env/kwok';
import { ESTATE_EKS, seedAws } from '../env/seed-aws';
import { DEPRECATED_DEVICE_CLASS, LAGGING_NODE, UPGRADE_CRD, seedUpgradeFixtures } from '../env/seed-upgrade';
import { adminCreds, caFile, cluster, server } from './kube-helpers';

// A Region of its own: other tests seed this cluster name elsewhere with other shapes.
const REGION = 'eu-west-2';
const LEGACY = ESTATE_EKS.find((c) => c.name === 'data-legacy')!;
const NOW = new Date('2026-12-02T12:00:00Z');
// A manifest in the "workspace": a FlowSchema in a version 1.29 removes, and a DeviceClass in a version deprecated later.
const MANIFEST = {
  path: 'deploy/platform.yaml',
  uri: 'file:///workspace/deploy/platform.yaml',
  text: `apiVersion: flowcontrol.apiserver.k8s.io/v1beta2
kind: FlowSchema
metadata:
  name: batch-jobs
spec:
  priorityLevelConfiguration:
    name: workload-low
  matchingPrecedence: 1000
---
apiVersion: resource.k8s.io/v1beta1
kind: DeviceClass
metadata:
  name: gpu
spec: {}
`,
};

function kubeFor(who: keyof typeof PRINCIPALS): KubeClient {
  const p = PRINCIPALS[who];
  const token = async () => (await getEksToken({ clusterName: cluster(), region: REGION, credentials: { accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey } })).token;
  return new KubeClient(cluster(), { server: server(), caPem: fs.readFileSync(caFile(), 'utf8') }, { token, renew: token });
}

/**
 * Runs `fn` with a session of `who` against `endpoint` (the stand-in, or raw moto). The SDK reads keys and endpoint
 * from the environment when a request is made, so the environment stays set until `fn` is done.
 */
async function withSession<T>(who: keyof typeof PRINCIPALS, endpoint: string, fn: (s: AwsSession) => Promise<T>): Promise<T> {
  const saved = { AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL };
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: PRINCIPALS[who].accessKeyId, AWS_SECRET_ACCESS_KEY: PRINCIPALS[who].secretAccessKey, AWS_ENDPOINT_URL: endpoint });
  const s = new AwsSession({ region: REGION });
  try {
    return await fn(s);
  } finally {
    s.dispose();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('upgrade readiness against the local API server and AWS', { timeout: 180_000 }, () => {
  const open: { dispose(): void }[] = [];
  const ref = () => ({ region: REGION, clusterName: cluster() });

  before(async () => {
    // The local cluster as EKS knows it: data-legacy's shape (1.28, past extended support, add-ons too old for 1.29).
    await seedAws(requireEnv('WHARF_TEST_AWS_ENDPOINT'), { eks: [{ ...LEGACY, name: cluster(), region: REGION }], ecs: [] });
    const c = adminCreds();
    await addFakeNode(c, LAGGING_NODE, 'us-east-1b');
    for (let i = 0; i < 150 && !(await nodeReady(c, LAGGING_NODE)); i++) await new Promise((r) => setTimeout(r, 200));
    await seedUpgradeFixtures(c, LEGACY.version, 'wharf-it-upgrade');
  });
  after(() => {
    for (const o of open) o.dispose();
  });

  it('as the admin: support, deprecated APIs (metric and insights), stored versions, add-ons and skew', async () => {
    const kube = kubeFor('admin');
    open.push(kube);
    const workspaceFiles = async () => [MANIFEST];
    const facts = await withSession('admin', requireEnv('WHARF_TEST_AWS_ENDPOINT'), (session) => gatherUpgradeFacts(ref(), { session, kube: async () => kube, workspaceFiles, lintDeprecated: lintDeprecatedApis, now: () => NOW }, AbortSignal.timeout(60_000)));
    assert.equal(facts.cluster.version, '1.28');
    assert.equal(facts.cluster.supportType, 'EXTENDED');
    assert.ok(facts.support.ok && facts.support.value.status.phase === 'unsupported' && facts.support.value.status.source === 'api');
    assert.equal(facts.support.ok && facts.support.value.status.nextVersion, '1.29');

    assert.ok(facts.metric.ok, JSON.stringify(facts.metric));
    // Custom resources count too: the seed read ReportSchedules through their deprecated v1beta1.
    assert.ok(facts.metric.value.some((m) => m.group === 'shop.example.com' && m.version === 'v1beta1' && m.resource === 'reportschedules'), JSON.stringify(facts.metric.value));
    assert.ok(facts.metric.value.some((m) => m.group === 'resource.k8s.io' && m.version === 'v1beta1' && m.resource === 'deviceclasses' && m.removedRelease === '1.38'), JSON.stringify(facts.metric.value));

    assert.ok(facts.storedVersions.ok, JSON.stringify(facts.storedVersions));
    const crd = facts.storedVersions.value.find((s) => s.crd === UPGRADE_CRD);
    assert.ok(crd, JSON.stringify(facts.storedVersions.value));
    assert.equal(crd.version, 'v1beta1');
    assert.equal(crd.why, 'deprecated');
    assert.equal(crd.storageVersion, 'v1');
    assert.deepEqual(crd.objects?.map((o) => o.name).sort(), ['nightly-sales', 'weekly-inventory']);

    assert.ok(facts.insights.ok, JSON.stringify(facts.insights));
    const dep = facts.insights.value.find((i) => i.deprecations.length);
    assert.equal(dep?.status, 'ERROR');
    assert.match(dep!.deprecations[0].clients[0].userAgent, /^kube-controller-manager\//);
    assert.ok(dep!.deprecations[0].clients[0].lastRequestTime);

    assert.ok(facts.addons.ok, JSON.stringify(facts.addons));
    const coredns = facts.addons.value.find((a) => a.name === 'coredns')!;
    assert.equal(coredns.installedCompatible, false);
    assert.equal(coredns.defaultVersion, 'v1.11.4-eksbuild.2');
    assert.equal(facts.addons.value.find((a) => a.name === 'vpc-cni')?.installedCompatible, true);

    assert.ok(facts.nodes.ok, JSON.stringify(facts.nodes));
    assert.equal(facts.nodes.value.find((n) => n.name === FIRST_NODE)?.kubeletVersion, 'v1.28.5-eks-3025e55');
    assert.equal(facts.nodes.value.find((n) => n.name === LAGGING_NODE)?.kubeletVersion, 'v1.26.9-eks-3025e55');

    const report = assembleReport(facts);
    const md = reportMarkdown(report, plainLinks);
    assert.match(md, /^# Upgrade readiness: /);
    assert.match(md, /past the end of extended support \(2025-11-26\)/);
    assert.match(md, /`flowcontrol\.apiserver\.k8s\.io\/v1beta2` \*\*flowschemas\*\* is removed in Kubernetes 1\.29/);
    assert.match(md, /client `kube-controller-manager\/v1\.28\.15`: 1214 requests in 30 days, last at 20\d\d-/);
    assert.match(md, /`resource\.k8s\.io\/v1beta1` \*\*deviceclasses\*\* is removed in Kubernetes 1\.38/);
    assert.match(md, new RegExp(`\\*\\*${UPGRADE_CRD.replace(/\./g, '\\.')}\\*\\*: \`shop\\.example\\.com/v1beta1\` is deprecated`));
    assert.match(md, /\*\*coredns\*\* v1\.10\.1-eksbuild\.13 is not listed for Kubernetes 1\.29/);
    assert.match(md, new RegExp(`node \`${LAGGING_NODE.replace(/\./g, '\\.')}\` \\(node group general\\) runs kubelet v1\\.26\\.9-eks-3025e55, 2 minor versions behind`));
    assert.match(md, /`deploy\/platform\.yaml:1`: FlowSchema batch-jobs: flowcontrol\.apiserver\.k8s\.io\/v1beta2 FlowSchema was removed in Kubernetes 1\.29/);
    // Deprecated only from 1.35: not a concern for 1.29 or 1.30.
    assert.doesNotMatch(md, /platform\.yaml:10/);
    assert.match(md, /node group `memory` runs 1\.28, as the control plane/);
    assert.ok(report.counts.blocker >= 4, `blockers: ${report.counts.blocker}`);
    assert.doesNotMatch(md, /Not read/);
    assert.ok(DEPRECATED_DEVICE_CLASS);
  });

  it("as the viewer: the 403s on /metrics, CRDs and nodes are said plainly, and the rest still reports", async () => {
    const kube = kubeFor('viewer');
    open.push(kube);
    const facts = await withSession('viewer', requireEnv('WHARF_TEST_AWS_ENDPOINT'), (session) => gatherUpgradeFacts(ref(), { session, kube: async () => kube, now: () => NOW }, AbortSignal.timeout(60_000)));
    assert.ok(!facts.metric.ok && facts.metric.denied);
    assert.match(facts.metric.problem, /403 Forbidden.*get.*\/metrics.*non-resource URL \/metrics/);
    assert.ok(!facts.nodes.ok && facts.nodes.denied);
    assert.match(facts.nodes.problem, /list.*nodes/);
    assert.ok(facts.insights.ok && facts.addons.ok && facts.nodegroups.ok);
    const md = reportMarkdown(assembleReport(facts), plainLinks);
    assert.match(md, /> \*\*Not read:\*\* The API server's \/metrics: The API server refused arn:aws:iam::123456789012:user\/wharf-viewer \(403 Forbidden\)/);
    assert.match(md, /## EKS upgrade insights\n\nThe checks EKS runs[^\n]*\n\n- \*\*Blocker\*\*/);
  });

  it('against raw moto: each operation it lacks is named in its own section, the support calendar falls back to the table', async () => {
    const kube = kubeFor('admin');
    open.push(kube);
    const facts = await withSession('admin', requireEnv('WHARF_TEST_MOTO_ENDPOINT'), (session) => gatherUpgradeFacts(ref(), { session, kube: async () => kube, now: () => NOW }, AbortSignal.timeout(60_000)));
    assert.ok(facts.support.ok && facts.support.value.status.source === 'table');
    assert.ok(!facts.insights.ok);
    assert.match(facts.insights.problem, /ListInsights is not available at/);
    assert.ok(!facts.addons.ok);
    assert.ok(facts.metric.ok && facts.storedVersions.ok && facts.nodes.ok && facts.nodegroups.ok);
    const md = reportMarkdown(assembleReport(facts), plainLinks);
    assert.match(md, /per the EKS calendar \(\[User Guide\]/);
    assert.match(md, /> \*\*Not read:\*\* EKS upgrade insights: Reading EKS upgrade insights failed: eks ListInsights is not available/);
  });
});
