// Version skew against the control plane, as tables: which nodes and node groups block an upgrade and why.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EksNodegroup } from '../../../src/aws/model';
import type { NodeVersion } from '../../../src/kube/deprecated-apis';
import { maxKubeletLag, nodegroupSkew, nodeSkew } from '../../../src/upgrade/skew';
import { addMinor, minorLag, parseMinor } from '../../../src/upgrade/versions';

describe('versions', () => {
  const lags: [a: string, b: string, lag: number | undefined][] = [
    ['1.33', 'v1.33.5-eks-3025e55', 0],
    ['1.33', 'v1.31.9-eks-3025e55', 2],
    ['1.33', 'v1.34.0', -1],
    ['1.33', 'kwok-v0.7.0', undefined],
    ['1.33', '', undefined],
    ['1.33', '2.1', undefined],
  ];
  for (const [a, b, lag] of lags) it(`${a} vs ${b || '(empty)'}: ${lag}`, () => assert.equal(minorLag(a, b), lag));
  it('reads and steps minors', () => {
    assert.deepEqual(parseMinor('v1.31.4+k3s1'), { major: 1, minor: 31 });
    assert.equal(addMinor('1.33', 1), '1.34');
    assert.equal(addMinor('nonsense', 1), undefined);
  });
  it('the skew policy allows three minors from 1.28, two before', () => {
    assert.equal(maxKubeletLag('1.27'), 2);
    assert.equal(maxKubeletLag('1.28'), 3);
    assert.equal(maxKubeletLag('1.34'), 3);
  });
});

const ng = (name: string, version?: string): EksNodegroup => ({ name, version, status: 'ACTIVE', instanceTypes: [], scaling: {}, healthIssues: [], labels: {}, taints: [] });
const node = (name: string, kubeletVersion: string, extra: Partial<NodeVersion> = {}): NodeVersion => ({ name, kubeletVersion, fargate: false, ...extra });

describe('nodegroupSkew', () => {
  const cases: [name: string, group: EksNodegroup, severity: string, text: RegExp][] = [
    ['at the control plane', ng('general', '1.33'), 'ok', /runs 1\.33, as the control plane/],
    ['one behind', ng('spot', '1.32'), 'blocker', /1 minor version behind the control plane \(1\.33\)/],
    ['newer than the control plane', ng('canary', '1.34'), 'warning', /newer than the control plane/],
    ['no version', ng('odd'), 'info', /reports no Kubernetes version/],
  ];
  for (const [name, group, severity, text] of cases) {
    it(name, () => {
      const [f] = nodegroupSkew('shop-prod', '1.33', '1.34', [group]);
      assert.equal(f.severity, severity);
      assert.match(f.text, text);
    });
  }
  it('says the exact command for a lagging group', () => {
    const [f] = nodegroupSkew('shop-prod', '1.33', '1.34', [ng('spot', '1.31')]);
    assert.match(f.action!, /aws eks update-nodegroup-version --cluster-name shop-prod --nodegroup-name spot --kubernetes-version 1\.33/);
  });
});

describe('nodeSkew', () => {
  it('summarises current nodes and lists each lagging one with what runs it', () => {
    const out = nodeSkew('1.33', '1.34', [
      node('a', 'v1.33.5-eks-1'),
      node('b', 'v1.33.2-eks-1'),
      node('c', 'v1.31.9-eks-1', { nodegroup: 'general' }),
      node('fargate-d', 'v1.32.3-eks-1', { fargate: true }),
      node('e', 'v1.30.1', { nodepool: 'default' }),
      node('f', 'kwok-v0.7.0'),
      node('g', 'v1.34.0'),
    ]);
    assert.deepEqual(out.map((f) => f.severity), ['ok', 'blocker', 'blocker', 'blocker', 'info', 'warning']);
    assert.match(out[0].text, /^2 nodes run the control plane's minor version \(1\.33\)/);
    assert.match(out[1].text, /node `c` \(node group general\) runs kubelet v1\.31\.9-eks-1, 2 minor versions behind/);
    assert.match(out[1].action!, /Update node group general to 1\.33/);
    assert.match(out[2].text, /Fargate node `fargate-d`/);
    assert.match(out[2].action!, /Restart the pods on this Fargate node/);
    // 3 behind now, 4 after 1.34: past the three the policy allows.
    assert.match(out[3].text, /after an upgrade to 1\.34 it would be 4 behind, past the 3 the skew policy allows/);
    assert.match(out[3].action!, /Karpenter/);
    assert.match(out[4].text, /kwok-v0\.7\.0`, which is not a Kubernetes version/);
    assert.deepEqual(out[1].links, [{ kind: 'kubeObject', label: 'c', resource: { kind: 'Node', group: '', version: 'v1', plural: 'nodes', namespaced: false }, name: 'c' }]);
  });
  it('nothing to say about no nodes', () => assert.deepEqual(nodeSkew('1.33', '1.34', []), []));
});
