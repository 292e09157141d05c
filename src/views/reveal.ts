// "Go to…" for something found by a server-side lookup and not loaded yet: walk down from the roots, expanding only
// the one node on the way at each level (the same requests a person's clicks would make), to the node of a target.
// Handles clusters, ECS services and tasks, and Kubernetes objects listed in a namespace folder or the Nodes folder;
// anything else (a pod owned by a workload, an item past the first page) returns undefined and the caller says so.
import type { TreeNode } from './node';
import type { AwsScope, NodeTarget } from './target';

const sameCreds = (a: Partial<AwsScope>, b: Partial<AwsScope>) =>
  (a.profile ?? '') === (b.profile ?? '') && JSON.stringify(a.sso ?? null) === JSON.stringify(b.sso ?? null);
const sameScope = (a: Partial<AwsScope>, b: Partial<AwsScope>) => sameCreds(a, b) && a.region === b.region;

/** The folder (contextValue `folder.<key>`) that lists a kind: its plural, except pods, listed bare in a namespace. */
const folderOf = (t: { resource: { kind: string; plural: string } }) => (t.resource.kind === 'Pod' ? 'barePods' : t.resource.plural);

/** Whether `t` is `node`'s own target. */
export function isTargetOf(node: TreeNode, t: NodeTarget): boolean {
  const n = node.target;
  if (!n || n.type !== t.type || !sameScope(n as Partial<AwsScope>, t as Partial<AwsScope>)) return false;
  const cv = node.treeItem().contextValue;
  switch (t.type) {
    case 'eksCluster':
      return cv.startsWith('eksCluster') && (n as typeof t).clusterName === t.clusterName;
    case 'ecsCluster':
      return (n as typeof t).cluster.arn === t.cluster.arn;
    case 'ecsService':
      return (n as typeof t).service.arn === t.service.arn;
    case 'ecsTask':
      return (n as typeof t).task.arn === t.task.arn;
    case 'kubeObject': {
      const o = n as typeof t;
      return o.clusterName === t.clusterName && o.resource.plural === t.resource.plural && o.name === t.name && (o.namespace ?? '') === (t.namespace ?? '');
    }
    default:
      return false;
  }
}

/** Whether `t` lies under `node`. */
export function leadsTo(node: TreeNode, t: NodeTarget): boolean {
  const n = node.target;
  if (!n) return false;
  const cv = node.treeItem().contextValue;
  if (n.type === 'profile') return sameCreds(n, t as Partial<AwsScope>);
  if (!sameScope(n as Partial<AwsScope>, t as Partial<AwsScope>)) return false;
  const kube = t.type === 'kubeObject' || t.type === 'kubeContainer';
  if (n.type === 'region') {
    if (cv === 'folder.eksClusters') return t.type === 'eksCluster' || kube;
    if (cv === 'folder.ecsClusters') return t.type.startsWith('ecs');
    return cv === 'region';
  }
  if (n.type === 'eksCluster' && t.type === 'kubeObject' && n.clusterName === t.clusterName) {
    if (cv.startsWith('eksCluster') || cv === 'folder.kubernetes') return true;
    if (cv === 'folder.namespaces') return !!t.namespace && t.resource.kind !== 'Namespace';
    return cv === `folder.${folderOf(t)}` && !t.namespace;
  }
  if (n.type === 'kubeObject' && t.type === 'kubeObject' && n.clusterName === t.clusterName) {
    if (n.resource.kind === 'Namespace') return n.name === t.namespace;
    return false;
  }
  if (n.type === 'eksCluster' && t.type === 'kubeObject') return false;
  if (n.type === 'kubeObject' || n.type === 'kubeContainer') return false;
  if (n.type === 'ecsCluster') return (t.type === 'ecsService' || t.type === 'ecsTask') && n.cluster.arn === (t.type === 'ecsService' ? t.service.clusterArn : t.clusterArn) && (t.type === 'ecsService' || !t.task.serviceName || cv.startsWith('ecsCluster') || cv === 'folder.ecsStandaloneTasks');
  if (n.type === 'ecsService') return t.type === 'ecsTask' && t.task.serviceName === n.service.name && n.clusterArn === t.clusterArn;
  return false;
}

/** Kind folders under a namespace: their target is the namespace's, so match them by contextValue. */
function kindFolderFor(node: TreeNode, t: NodeTarget): boolean {
  return t.type === 'kubeObject' && node.treeItem().contextValue === `folder.${folderOf(t)}` && node.target?.type === 'kubeObject' && node.target.resource.kind === 'Namespace';
}

/** The node of `t`, expanding the way down with `children`; undefined when the tree cannot reach it. */
export async function findTarget(roots: TreeNode[], t: NodeTarget, children: (n: TreeNode) => Promise<TreeNode[]>): Promise<TreeNode | undefined> {
  let level = roots;
  for (let depth = 0; depth < 12; depth++) {
    const hit = level.find((n) => isTargetOf(n, t));
    if (hit) return hit;
    const next = level.find((n) => kindFolderFor(n, t)) ?? level.find((n) => leadsTo(n, t));
    if (!next) return undefined;
    level = await children(next);
  }
  return undefined;
}
