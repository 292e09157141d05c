// Node and Fargate version skew against the control plane. Two rules apply:
// - Kubernetes' version skew policy: a kubelet may be up to three minor versions older than the API server (two
//   before 1.28), never newer (kubernetes.io/releases/version-skew-policy);
// - EKS asks more before a control-plane upgrade: managed nodes and Fargate nodes on the control plane's minor
//   version first ("Update existing cluster to new Kubernetes version", Amazon EKS User Guide), since the upgrade
//   adds one minor of skew to every node.
import type { EksNodegroup } from '../aws/model';
import type { NodeVersion } from '../kube/deprecated-apis';
import { RESOURCES } from '../kube/resources';
import type { Finding } from './model';
import { minorLag, parseMinor } from './versions';

/** The oldest kubelet an API server of `version` accepts, in minors behind it. */
export function maxKubeletLag(apiServerVersion: string): number {
  const m = parseMinor(apiServerVersion);
  return m && m.major === 1 && m.minor < 28 ? 2 : 3;
}

export interface SkewRow {
  name: string;
  version: string;
  /** Minors behind the control plane (negative: newer); undefined when the version is not a Kubernetes one. */
  lag?: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Findings for managed node groups (EKS's `version`). */
export function nodegroupSkew(cluster: string, controlPlane: string, next: string | undefined, nodegroups: EksNodegroup[]): Finding[] {
  return nodegroups.map((ng): Finding => {
    const lag = minorLag(controlPlane, ng.version);
    const label = `node group \`${ng.name}\``;
    if (lag === undefined) return { severity: 'info', text: `${label} reports no Kubernetes version${ng.version ? ` (\`${ng.version}\`)` : ''}.`, links: [{ kind: 'cluster', label: cluster }] };
    if (lag === 0) return { severity: 'ok', text: `${label} runs ${ng.version}, as the control plane${ng.releaseVersion ? ` (AMI release ${ng.releaseVersion})` : ''}.`, links: [{ kind: 'cluster', label: cluster }] };
    if (lag < 0) return { severity: 'warning', text: `${label} runs ${ng.version}, newer than the control plane (${controlPlane}).`, action: 'Kubelets newer than the API server are outside the skew policy: upgrade the control plane or recreate the node group at its version.', links: [{ kind: 'cluster', label: cluster }] };
    return {
      severity: 'blocker',
      text: `${label} runs ${ng.version}, ${plural(lag, 'minor version')} behind the control plane (${controlPlane}).`,
      action: `Update the node group to ${controlPlane} before upgrading the control plane${next ? ` to ${next}` : ''}: \`aws eks update-nodegroup-version --cluster-name ${cluster} --nodegroup-name ${ng.name} --kubernetes-version ${controlPlane}\`.`,
      links: [{ kind: 'cluster', label: cluster }],
    };
  });
}

/** Findings for nodes (kubelet versions), one per node that lags or is unreadable, plus a summary of the rest. */
export function nodeSkew(controlPlane: string, next: string | undefined, nodes: NodeVersion[]): Finding[] {
  const max = maxKubeletLag(next ?? controlPlane);
  const out: Finding[] = [];
  let current = 0;
  for (const n of nodes) {
    const lag = minorLag(controlPlane, n.kubeletVersion);
    const what = n.fargate ? `Fargate node \`${n.name}\`` : `node \`${n.name}\`${n.nodegroup ? ` (node group ${n.nodegroup})` : n.nodepool ? ` (Karpenter node pool ${n.nodepool})` : ''}`;
    const links = [{ kind: 'kubeObject' as const, label: n.name, resource: RESOURCES.nodes, name: n.name }];
    if (lag === 0) {
      current++;
      continue;
    }
    if (lag === undefined) {
      out.push({ severity: 'info', text: `${what} reports kubelet \`${n.kubeletVersion || 'no version'}\`, which is not a Kubernetes version.`, action: 'Check what runs this node (a virtual kubelet reports its own version).', links });
    } else if (lag < 0) {
      out.push({ severity: 'warning', text: `${what} runs kubelet ${n.kubeletVersion}, newer than the control plane (${controlPlane}).`, action: 'A kubelet newer than the API server is outside the skew policy: replace the node with one at the control plane\'s version.', links });
    } else {
      const after = lag + 1;
      const beyond = after > max;
      const action = n.fargate
        ? 'Restart the pods on this Fargate node (roll out their workload): a new Fargate pod gets a node at the control plane\'s version.'
        : n.nodegroup
          ? `Update node group ${n.nodegroup} to ${controlPlane} (or replace the node) before upgrading the control plane.`
          : n.nodepool
            ? `Let Karpenter replace the node (drift or expiry on node pool ${n.nodepool}) before upgrading the control plane.`
            : `Upgrade or replace the node to run kubelet ${controlPlane} before upgrading the control plane.`;
      out.push({
        severity: 'blocker',
        text: `${what} runs kubelet ${n.kubeletVersion}, ${plural(lag, 'minor version')} behind the control plane (${controlPlane})${beyond && next ? `; after an upgrade to ${next} it would be ${after} behind, past the ${max} the skew policy allows` : ''}.`,
        action,
        links,
      });
    }
  }
  if (current) out.unshift({ severity: 'ok', text: `${plural(current, 'node')} run${current === 1 ? 's' : ''} the control plane's minor version (${controlPlane}).`, links: [] });
  return out;
}
