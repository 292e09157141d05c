// What a person reads when an explorer command fails: what failed, why, and the next step, with the buttons that
// take it. Pure (no vscode), so the wording is unit-tested; errors.ts shows it.
import { isAwsError } from '../../aws/errors';
import type { KubeFailure } from '../../kube/model';

export type FailureAction = 'signIn' | 'chooseProfile' | 'retry' | 'enterMfa' | 'diagnose' | 'openSettings' | 'showOutput';

export interface Explained {
  /** One line: "<what> failed: <why>. <next step>" */
  message: string;
  actions: FailureAction[];
  /** Cancelled by the person (or a refresh): say nothing. */
  silent: boolean;
}

export const ACTION_TITLES: Record<FailureAction, string> = {
  signIn: 'Sign In',
  chooseProfile: 'Choose Profile',
  retry: 'Retry',
  enterMfa: 'Enter MFA Code',
  diagnose: 'Show Access Diagnosis',
  openSettings: 'Open Settings',
  showOutput: 'Show Output',
};

function kubeFailureOf(e: unknown): KubeFailure | undefined {
  const f = (e as { failure?: KubeFailure } | undefined)?.failure;
  return f && typeof f.kind === 'string' && typeof f.message === 'string' ? f : undefined;
}

const sentence = (s: string) => {
  const t = s.trim().replace(/\s+/g, ' ');
  return t === '' || /[.!?]$/.test(t) ? t : `${t}.`;
};

export function explainFailure(what: string, e: unknown): Explained {
  if (isAwsError(e)) {
    if (e.kind === 'aborted') return { message: `${what} was cancelled.`, actions: [], silent: true };
    const actions: FailureAction[] = [...e.actions];
    if (!actions.includes('retry') && (e.kind === 'throttled' || e.kind === 'timeout' || e.kind === 'endpoint-unreachable')) actions.push('retry');
    return { message: `${what} failed: ${sentence(e.message)} ${sentence(e.nextStep)}`.trim(), actions, silent: false };
  }
  const f = kubeFailureOf(e);
  if (f) {
    switch (f.kind) {
      case 'aborted':
        return { message: `${what} was cancelled.`, actions: [], silent: true };
      case 'unauthorized':
      case 'forbidden': {
        const why = f.kind === 'unauthorized' ? 'the cluster did not accept your AWS identity (401)' : `the cluster denied it (403${f.verb ? `: ${f.verb}${f.resource ? ` ${f.resource}` : ''}${f.namespace ? ` in ${f.namespace}` : ''}` : ''})`;
        return { message: `${what} failed: ${why}. The access diagnosis names the IAM role and the exact command that grants access.`, actions: ['diagnose'], silent: false };
      }
      case 'unreachable':
      case 'timeout':
      case 'tls':
        return {
          message: `${what} failed: the cluster's API server could not be reached (${sentence(f.message)}) For a private endpoint, reach it through a tunnel or bastion and set wharf.eks.endpointOverrides.`,
          actions: ['retry', 'openSettings'],
          silent: false,
        };
      case 'not-found':
        return { message: `${what} failed: it no longer exists on the cluster (${sentence(f.message)}) Refresh the tree.`, actions: ['retry'], silent: false };
      default:
        return { message: `${what} failed: ${sentence(f.message)} See the Wharf output for details.`, actions: ['retry', 'showOutput'], silent: false };
    }
  }
  if ((e as Error | undefined)?.name === 'AbortError') return { message: `${what} was cancelled.`, actions: [], silent: true };
  const msg = e instanceof Error ? e.message : String(e);
  return { message: `${what} failed: ${sentence(msg)} See the Wharf output for details.`, actions: ['showOutput'], silent: false };
}
