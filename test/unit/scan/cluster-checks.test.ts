import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EksCluster } from '../../../src/aws/model';
import { checkCluster, releaseDate, type ClusterFacts } from '../../../src/scan/cluster-checks';
import { CLUSTER_RULES } from '../../../src/scan/cluster-rules';
import { scanMarkdown, scanSarif } from '../../../src/scan/report';
import type { ScanResult } from '../../../src/scan/run';

const NOW = new Date('2026-12-02T12:00:00Z');

const good: EksCluster = {
  name: 'shop-prod', arn: 'arn:aws:eks:us-east-1:123456789012:cluster/shop-prod', region: 'us-east-1', status: 'ACTIVE', version: '1.33',
  endpointPublicAccess: false, endpointPrivateAccess: true, publicAccessCidrs: [], authenticationMode: 'API',
  healthIssues: [], tags: {}, loggingEnabled: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
  secretsKmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1',
} as EksCluster;

const coredns = (replicas: number, spread: boolean) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'coredns', namespace: 'kube-system' },
  spec: { replicas, template: { spec: spread ? { topologySpreadConstraints: [{ topologyKey: 'topology.kubernetes.io/zone', maxSkew: 1 }] } : {} } },
});

const facts = (over: Partial<Omit<ClusterFacts, 'cluster'>> & { cluster?: Partial<EksCluster> } = {}): ClusterFacts => ({
  nodegroups: [{ name: 'general', status: 'ACTIVE', version: '1.33', releaseVersion: '1.33.5-20261120', instanceTypes: [], scaling: {}, healthIssues: [], labels: {}, taints: [] }],
  addons: [{ name: 'vpc-cni', version: 'v1.20.4-eksbuild.2', healthIssues: [] }],
  coredns: coredns(2, true),
  notes: [],
  ...over,
  cluster: { ...good, ...over.cluster },
});

// [case, facts, expected [ruleId, severity, the line of the document the finding is on (a regexp)]]
const CASES: [string, ClusterFacts, [string, string, RegExp][]][] = [
  ['a cluster that follows the guide', facts(), []],
  ['audit and authenticator logs off', facts({ cluster: { loggingEnabled: ['api'] } }), [['eks-control-plane-logging', 'warning', /^ {2}logging:/]]],
  ['no KMS key for Secrets', facts({ cluster: { secretsKmsKeyArn: undefined } }), [['eks-secrets-encryption', 'warning', /^ {2}secretsEncryption:/]]],
  ['public endpoint open to the world', facts({ cluster: { endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'] } }), [['eks-public-endpoint', 'warning', /publicAccessCidrs:/]]],
  ['public endpoint restricted', facts({ cluster: { endpointPublicAccess: true, publicAccessCidrs: ['203.0.113.0/24'] } }), []],
  ['aws-auth only', facts({ cluster: { authenticationMode: 'CONFIG_MAP' } }), [['eks-authentication-mode', 'warning', /authenticationMode: CONFIG_MAP/]]],
  ['aws-auth and access entries', facts({ cluster: { authenticationMode: 'API_AND_CONFIG_MAP' } }), [['eks-authentication-mode', 'info', /authenticationMode: API_AND_CONFIG_MAP/]]],
  ['one CoreDNS replica', facts({ coredns: coredns(1, false) }), [['coredns-replicas', 'warning', /replicas: 1/]]],
  ['CoreDNS not spread', facts({ coredns: coredns(2, false) }), [['coredns-spread', 'warning', /topologySpreadConstraints/]]],
  ['node group one minor behind', facts({ nodegroups: [{ ...facts().nodegroups![0], version: '1.32' }] }), [['nodegroup-version-skew', 'warning', /version: "1\.32"/]]],
  ['node group past the supported skew', facts({ nodegroups: [{ ...facts().nodegroups![0], version: '1.29' }] }), [['nodegroup-version-skew', 'error', /version: "1\.29"/]]],
  ['old AMI release', facts({ nodegroups: [{ ...facts().nodegroups![0], releaseVersion: '1.33.0-20250704' }] }), [['nodegroup-ami-age', 'info', /releaseVersion: 1\.33\.0-20250704/]]],
  ['add-on behind', facts({ addons: [{ name: 'coredns', version: 'v1.11.4-eksbuild.2', newerVersion: 'v1.12.4-eksbuild.1', healthIssues: [] }] }), [['addon-outdated', 'info', /version: v1\.11\.4-eksbuild\.2/]]],
];

describe('cluster-level checks', () => {
  for (const [name, f, expected] of CASES) {
    it(name, () => {
      const r = checkCluster(f, { now: NOW });
      const lines = r.text.split('\n');
      assert.deepEqual(r.findings.map((x) => [x.ruleId, x.severity]), expected.map(([id, sev]) => [id, sev]));
      r.findings.forEach((x, i) => {
        assert.match(lines[x.location.line - 1], expected[i][2], `${x.ruleId} on line ${x.location.line}: ${lines[x.location.line - 1]}`);
        assert.equal(x.file, 'shop-prod/_cluster/eks-cluster.yaml');
        assert.equal(r.text.slice(x.span.start, x.span.end).length > 0, true);
      });
    });
  }

  it('a rule turned off in the configuration reports nothing', async () => {
    const { resolveConfig } = await import('../../../src/lint/config');
    const r = checkCluster(facts({ cluster: { secretsKmsKeyArn: undefined } }), { now: NOW, config: resolveConfig({ rules: { 'eks-secrets-encryption': 'off' } }) });
    assert.deepEqual(r.findings, []);
  });

  it('reads the build date of Amazon Linux AMI releases only', () => {
    assert.equal(releaseDate('1.33.0-20250704')?.toISOString(), '2025-07-04T00:00:00.000Z');
    assert.equal(releaseDate('1.20.0-fcf71a47'), undefined);
    assert.equal(releaseDate(undefined), undefined);
  });

  it('every rule links the EKS Best Practices Guide', () => {
    for (const r of CLUSTER_RULES) assert.match(r.docs, /^https:\/\/docs\.aws\.amazon\.com\/eks\/latest\/best-practices\/[a-z-]+\.html$/, r.id);
  });
});

describe('scan reports', () => {
  const cluster = checkCluster(facts({ cluster: { secretsKmsKeyArn: undefined, authenticationMode: 'CONFIG_MAP' } }), { now: NOW });
  const result: ScanResult = {
    clusterName: 'shop-prod', region: 'us-east-1', findings: cluster.findings, texts: new Map([[cluster.path, cluster.text]]), docs: new Map(),
    stats: { listed: 10, linted: 4, skippedOwned: 6, skippedSystem: 0, byKind: {}, unavailable: [], ms: 1200 }, notes: ['Add-ons not checked: denied.'], startedAt: NOW,
  };

  it('Markdown groups by rule and by object, with the guide linked and what was not checked', () => {
    const md = scanMarkdown(result);
    assert.match(md, /^# Wharf scan: cluster shop-prod \(us-east-1\)/);
    assert.match(md, /## Not checked\n\n- Add-ons not checked: denied\./);
    assert.match(md, /\| \[eks-authentication-mode\]\(https:\/\/docs\.aws\.amazon\.com\/eks\/latest\/best-practices\/identity-and-access-management\.html\) \| warning \| 1 \|/);
    assert.match(md, /## By object\n\n### Cluster \(2\)/);
  });

  it('SARIF carries descriptors for the cluster-level rules, linked to the guide', () => {
    const log = JSON.parse(scanSarif(result, '1.2.3'));
    const run = log.runs[0];
    const rules = run.tool.driver.rules as { id: string; helpUri: string }[];
    for (const res of run.results as { ruleId: string; ruleIndex: number }[]) {
      assert.equal(rules[res.ruleIndex].id, res.ruleId);
      assert.match(rules[res.ruleIndex].helpUri, /best-practices/);
    }
    assert.equal(run.results.length, 2);
  });
});
