// Reading what a command was run on: menus pass the tree element (which holds `target`), the palette passes nothing,
// other commands may pass a target itself.
import type { NodeTarget } from '../../views/target';

const TYPES = new Set(['profile', 'region', 'eksCluster', 'eksNodegroup', 'kubeObject', 'kubeContainer', 'ecsCluster', 'ecsService', 'ecsTaskSet', 'ecsTask', 'ecsContainer']);

export function isTarget(x: unknown): x is NodeTarget {
  return typeof x === 'object' && x !== null && TYPES.has((x as { type?: string }).type ?? '');
}

export function targetOf(arg: unknown): NodeTarget | undefined {
  if (isTarget(arg)) return arg;
  const t = (arg as { target?: unknown } | undefined)?.target;
  return isTarget(t) ? t : undefined;
}
