// Report assembly from facts, as tables: how the deprecated-API sources merge and rank against the next versions,
// that each section stands on its own when its source failed, and the Markdown with its links.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toInsight, type EksInsight } from '../../../src/aws/eks-insights';
import { editorLinks, exportableMarkdown, findLinkTargets, revealUri } from '../../../src/commands/upgrade/links';
import { apiFindings, apiUses, lookupByResource, manifestFindings, parseApiPath, resourceOf, severityAt } from '../../../src/upgrade/apis';
import { lintDeprecatedApis } from '../../../src/upgrade/lint-deprecated';
import { plainLinks, reportMarkdown } from '../../../src/upgrade/markdown';
import type { UpgradeFacts } from '../../../src/upgrade/model';
import { assembleReport } from '../../../src/upgrade/report';

describe('deprecated APIs against the lint table', () => {
  const plurals: [kind: string, resource: string][] = [
    ['FlowSchema', 'flowschemas'], ['Ingress', 'ingresses'], ['IngressClass', 'ingressclasses'], ['PodSecurityPolicy', 'podsecuritypolicies'],
    ['Endpoints', 'endpoints'], ['IPAddress', 'ipaddresses'], ['DeviceClass', 'deviceclasses'], ['Gateway', 'gateways'],
  ];
  for (const [kind, resource] of plurals) it(`${kind} -> ${resource}`, () => assert.equal(resourceOf(kind), resource));

  const paths: [path: string, expected: ReturnType<typeof parseApiPath>][] = [
    ['/apis/flowcontrol.apiserver.k8s.io/v1beta2/flowschemas', { group: 'flowcontrol.apiserver.k8s.io', version: 'v1beta2', resource: 'flowschemas' }],
    ['/apis/networking.k8s.io/v1beta1/namespaces/shop/ingresses', { group: 'networking.k8s.io', version: 'v1beta1', resource: 'ingresses' }],
    ['/api/v1/namespaces/shop/endpoints?watch=1', { group: '', version: 'v1', resource: 'endpoints' }],
    ['/api/v1/namespaces', { group: '', version: 'v1', resource: 'namespaces' }],
    ['/healthz', undefined],
  ];
  for (const [path, expected] of paths) it(`parses ${path}`, () => assert.deepEqual(parseApiPath(path), expected));

  it('finds table entries by resource', () => {
    assert.equal(lookupByResource('flowcontrol.apiserver.k8s.io', 'v1beta3', 'flowschemas')?.removedIn, '1.32');
    assert.equal(lookupByResource('resource.k8s.io', 'v1beta1', 'resourceclaims')?.removedIn, '1.38');
    assert.equal(lookupByResource('apps', 'v1', 'deployments'), undefined);
  });

  const severities: [removedIn: string | undefined, next: string, after: string, expected: string][] = [
    ['1.29', '1.29', '1.30', 'blocker'],
    ['1.26', '1.29', '1.30', 'blocker'],
    ['1.30', '1.29', '1.30', 'warning'],
    ['1.38', '1.34', '1.35', 'info'],
    [undefined, '1.34', '1.35', 'info'],
  ];
  for (const [removedIn, next, after, expected] of severities) it(`removed in ${removedIn} with next ${next}: ${expected}`, () => assert.equal(severityAt(removedIn, next, after), expected));

  it('merges the gauge and the insights into one entry per API, clients from the insights', () => {
    const insight = insightOf({ usage: '/apis/flowcontrol.apiserver.k8s.io/v1beta2/flowschemas', replacedWith: '/apis/flowcontrol.apiserver.k8s.io/v1beta3/flowschemas', stopServingVersion: '1.29', clientStats: [{ userAgent: 'kube-controller-manager/v1.28.15', numberOfRequestsLast30Days: 1214, lastRequestTime: new Date('2026-12-02T11:20:00Z') }] });
    const uses = apiUses([
      { group: 'flowcontrol.apiserver.k8s.io', version: 'v1beta2', resource: 'flowschemas', removedRelease: '1.29' },
      { group: 'example.com', version: 'v1alpha1', resource: 'gadgets', removedRelease: '1.40' },
    ], [insight]);
    assert.equal(uses.length, 2);
    const fs = uses.find((u) => u.resource === 'flowschemas')!;
    assert.equal(fs.fromMetric, true);
    assert.equal(fs.replacement, 'flowcontrol.apiserver.k8s.io/v1');
    assert.equal(fs.insight?.clients[0].requestsLast30Days, 1214);
    const findings = apiFindings(uses, '1.28', '1.29', '1.30');
    assert.deepEqual(findings.map((f) => f.severity), ['blocker', 'info']);
    assert.match(findings[0].text, /per the API server's deprecated-API metric and EKS upgrade insights/);
    assert.match(findings[0].action!, /to `flowcontrol\.apiserver\.k8s\.io\/v1`/);
    assert.deepEqual(findings[0].details, ['client `kube-controller-manager/v1.28.15`: 1214 requests in 30 days, last at 2026-12-02 11:20:00 UTC']);
    // Not in the lint table: the server's removed_release is what there is.
    assert.match(findings[1].text, /`example\.com\/v1alpha1` \*\*gadgets\*\* is removed in Kubernetes 1\.40/);
  });

  it('finds workspace manifests at the first next version that flags them, with their lines', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ok\n---\napiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata:\n  name: fs\nspec: {}\n';
    const found = manifestFindings([{ path: 'a.yaml', uri: 'file:///w/a.yaml', text }], ['1.31', '1.32'], lintDeprecatedApis);
    assert.deepEqual(found.map((f) => [f.line, f.kind, f.at, f.removed]), [[6, 'FlowSchema', '1.31', false]]);
    assert.deepEqual(manifestFindings([{ path: 'a.yaml', uri: 'file:///w/a.yaml', text }], ['1.32'], lintDeprecatedApis).map((f) => [f.at, f.removed]), [['1.32', true]]);
  });
});

function insightOf(deprecation: Record<string, unknown>): EksInsight {
  return toInsight({
    id: 'i-1', name: 'Deprecated APIs removed in Kubernetes v1.29', category: 'UPGRADE_READINESS', kubernetesVersion: '1.29',
    insightStatus: { status: 'ERROR', reason: 'Deprecated API usage detected within last 30 days.' }, recommendation: 'Update manifests and API clients.',
    categorySpecificSummary: { deprecationDetails: [deprecation] },
  });
}

const failed = (problem: string, denied = false) => ({ ok: false as const, problem, denied });

function facts(over: Partial<UpgradeFacts> = {}): UpgradeFacts {
  return {
    cluster: { name: 'shop-prod', region: 'us-east-1', profile: 'wharf-admin', version: '1.33', supportType: 'STANDARD' },
    generatedAt: '2026-12-02T12:00:00.000Z',
    support: { ok: true, value: { status: { phase: 'extended', source: 'api', endOfStandardSupport: '2026-07-29T00:00:00.000Z', endOfExtendedSupport: '2027-07-29T00:00:00.000Z', nextVersion: '1.34' } } },
    metric: { ok: true, value: [] },
    insights: { ok: true, value: [] },
    storedVersions: { ok: true, value: [] },
    manifests: { ok: true, value: { files: 3, findings: [] } },
    addons: { ok: true, value: [{ name: 'coredns', installed: 'v1.12.4-eksbuild.1', kubernetesVersion: '1.34', compatible: ['v1.12.4-eksbuild.1'], installedCompatible: true }] },
    nodegroups: { ok: true, value: [] },
    fargateProfiles: { ok: true, value: [] },
    nodes: { ok: true, value: [{ name: 'ip-1', kubeletVersion: 'v1.33.5-eks-1', fargate: false }] },
    ...over,
  };
}

describe('assembleReport', () => {
  it('a healthy cluster: no blockers, each section says so', () => {
    const r = assembleReport(facts());
    assert.equal(r.nextVersion, '1.34');
    assert.equal(r.afterNext, '1.35');
    assert.equal(r.counts.blocker, 0);
    assert.deepEqual(r.sections.map((s) => s.id), ['support', 'apis', 'crds', 'manifests', 'insights', 'addons', 'skew']);
    assert.ok(r.sections.every((s) => s.findings.length > 0 && s.problems.length === 0));
    const md = reportMarkdown(r, plainLinks);
    assert.match(md, /No blockers; 1 warning to look at\./);
    assert.match(md, /in extended support since 2026-07-29/);
    assert.match(md, /Upgrade policy: \*\*STANDARD\*\*/);
  });

  const failures: [name: string, over: Partial<UpgradeFacts>, section: string, said: RegExp][] = [
    ['/metrics forbidden', { metric: failed('The API server refused (403 Forbidden): get /metrics.', true) }, 'apis', /The API server's \/metrics: The API server refused \(403/],
    ['insights denied', { insights: failed('arn:aws:iam::1:user/x may not eks:ListInsights in us-east-1.', true) }, 'insights', /may not eks:ListInsights/],
    ['CRDs unreachable', { storedVersions: failed('Cannot reach the API server.') }, 'crds', /The CustomResourceDefinitions: Cannot reach/],
    ['add-on catalogue missing', { addons: failed('eks DescribeAddonVersions is not available at http://127.0.0.1:1.') }, 'addons', /not available/],
    ['nodes forbidden', { nodes: failed('403 on nodes.', true) }, 'skew', /Nodes: 403 on nodes/],
    ['no workspace', { manifests: failed('No workspace folder is open.') }, 'manifests', /No workspace folder is open/],
  ];
  for (const [name, over, section, said] of failures) {
    it(`${name}: said in its section, the others still report`, () => {
      const r = assembleReport(facts(over));
      const s = r.sections.find((x) => x.id === section)!;
      assert.match(s.problems.join(' '), said);
      for (const other of r.sections.filter((x) => x.id !== section)) assert.ok(other.findings.length > 0, `${other.id} has findings`);
      const md = reportMarkdown(r, plainLinks);
      assert.match(md, /> \*\*Not read:\*\* /);
      assert.match(md, /\d sections? could not be read in full/);
    });
  }

  it('metric and insights both failing leave the API section with two plain sentences', () => {
    const r = assembleReport(facts({ metric: failed('A.'), insights: failed('B.') }));
    const s = r.sections.find((x) => x.id === 'apis')!;
    assert.equal(s.problems.length, 2);
    assert.equal(s.findings.length, 0);
  });

  it('an unsupported version, an add-on without a version for next, a lagging node: blockers with what to do', () => {
    const r = assembleReport(facts({
      support: { ok: true, value: { status: { phase: 'unsupported', source: 'table', endOfExtendedSupport: '2025-11-26T00:00:00.000Z', nextVersion: '1.29' } } },
      cluster: { name: 'data-legacy', region: 'eu-west-1', version: '1.28', supportType: 'EXTENDED' },
      addons: { ok: true, value: [{ name: 'coredns', installed: 'v1.10.1-eksbuild.13', kubernetesVersion: '1.29', compatible: ['v1.11.4-eksbuild.2'], defaultVersion: 'v1.11.4-eksbuild.2', installedCompatible: false }] },
      nodes: { ok: true, value: [{ name: 'ip-2', kubeletVersion: 'v1.26.9-eks-1', fargate: false, nodegroup: 'memory' }] },
    }));
    assert.equal(r.counts.blocker, 3);
    const md = reportMarkdown(r, plainLinks);
    assert.match(md, /\*\*3 blockers\*\* to fix before upgrading to 1\.29/);
    assert.match(md, /past the end of extended support \(2025-11-26\), per the EKS calendar/);
    assert.match(md, /aws eks update-addon --cluster-name data-legacy --addon-name coredns --addon-version v1\.11\.4-eksbuild\.2/);
    assert.match(md, /Go to: `ip-2`/);
  });
});

describe('links', () => {
  const ref = { region: 'us-east-1', clusterName: 'shop-prod', profile: 'wharf-admin' };
  it('a reveal link carries the cluster and the node as JSON arguments', () => {
    const uri = revealUri({ ref, link: { kind: 'cluster', label: 'shop-prod' } });
    assert.match(uri, /^command:wharf\.upgrade\.reveal\?/);
    assert.deepEqual(JSON.parse(decodeURIComponent(uri.slice(uri.indexOf('?') + 1))), [{ ref, link: { kind: 'cluster', label: 'shop-prod' } }]);
  });
  it('reference links: readable labels, one definition per target, the labels clickable', () => {
    const links = editorLinks(ref);
    const a = links.format({ kind: 'kubeObject', label: 'ip-1', resource: { kind: 'Node', group: '', version: 'v1', plural: 'nodes', namespaced: false }, name: 'ip-1' });
    const b = links.format({ kind: 'file', label: 'deploy/a.yaml:3', uri: 'file:///w/deploy/a.yaml', line: 3 });
    const again = links.format({ kind: 'file', label: 'deploy/a.yaml:3', uri: 'file:///w/deploy/a.yaml', line: 3 });
    const web = links.format({ kind: 'url', label: 'Docs', url: 'https://docs.aws.amazon.com/x' });
    assert.deepEqual([a, b, again, web], ['[ip-1][n1]', '[deploy/a.yaml:3][n2]', '[deploy/a.yaml:3][n2]', '[Docs](https://docs.aws.amazon.com/x)']);
    const text = `Go to: ${a} · ${b} · ${web}\n${links.definitions()}`;
    assert.match(text, /^\[n2\]: file:\/\/\/w\/deploy\/a\.yaml#L3$/m);
    const found = findLinkTargets(text);
    assert.deepEqual(found.map((f) => text.slice(f.start, f.end)), ['ip-1', 'deploy/a.yaml:3']);
    assert.match(found[0].target, /^command:wharf\.upgrade\.reveal\?/);
    assert.equal(found[1].target, 'file:///w/deploy/a.yaml#L3');
    // The export: labels as text, the definitions gone, web links kept.
    assert.equal(exportableMarkdown(text), 'Go to: `ip-1` · `deploy/a.yaml:3` · [Docs](https://docs.aws.amazon.com/x)\n');
  });
  it('a label with brackets survives the round trip', () => {
    const links = editorLinks(ref);
    const text = `${links.format({ kind: 'cluster', label: 'a]b' })}\n${links.definitions()}`;
    assert.equal(exportableMarkdown(text), '`a]b`\n');
    assert.equal(findLinkTargets(text).length, 1);
  });
});
