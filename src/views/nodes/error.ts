// An error node: what failed as the label, why and the next step in the description and tooltip, and the one
// action that helps as its click (sign in, choose a profile, the 401/403 diagnosis, retry). A failed expansion
// shows one of these instead of an empty level.
import type { KubeFailure } from '../../kube/model';
import { CMD } from '../command-ids';
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { ICON, contextValue, md, tooltip } from '../present';

/** The shape of src/aws/errors.ts AwsError, read structurally so nodes need not load the AWS code. */
interface AwsErrorLike {
  kind: string;
  service?: string;
  operation?: string;
  region?: string;
  endpoint?: string;
  action?: string;
  nextStep?: string;
  actions?: string[];
  message: string;
}

function asAws(e: unknown): AwsErrorLike | undefined {
  const x = e as AwsErrorLike | undefined;
  return x && typeof x === 'object' && typeof x.kind === 'string' && 'operation' in x ? x : undefined;
}

function asKube(e: unknown): KubeFailure | undefined {
  const f = (e as { failure?: KubeFailure } | undefined)?.failure;
  return f && typeof f === 'object' && typeof f.kind === 'string' ? f : undefined;
}

export function isAbort(e: unknown): boolean {
  const x = e as { name?: string; kind?: string; failure?: KubeFailure } | undefined;
  return x?.name === 'AbortError' || x?.kind === 'aborted' || x?.failure?.kind === 'aborted';
}

export type ErrorAction = 'signIn' | 'chooseProfile' | 'enterMfa' | 'diagnose' | 'retry';

export interface ErrorView {
  label: string;
  reason: string;
  nextStep: string;
  /** What clicking the row does. */
  action: ErrorAction;
  /** contextValue flags: the actions on offer (menus), and the failure's kind (`unauthorized`, `forbidden`...). */
  flags: string[];
  kube?: KubeFailure;
}

/** What to say about a failure. */
export function describeError(e: unknown): ErrorView {
  const v = describe(e);
  return { ...v, flags: [...new Set([...(v.flags ?? []), v.action, ...(v.kube ? [v.kube.kind] : [])])] };
}

function describe(e: unknown): Omit<ErrorView, 'flags'> & { flags?: string[] } {
  const aws = asAws(e);
  if (aws) {
    const where = [aws.service, aws.operation].filter(Boolean).join(' ');
    const actions = (aws.actions ?? []) as ErrorAction[];
    const action: ErrorAction = (['signIn', 'enterMfa', 'chooseProfile'] as const).find((a) => actions.includes(a)) ?? 'retry';
    const label = {
      'access-denied': `Access denied${aws.action ? `: ${aws.action}` : ''}`,
      'expired-credentials': 'Credentials expired',
      'no-credentials': 'No AWS credentials',
      'sso-login-required': 'SSO sign-in needed',
      'mfa-required': 'MFA code needed',
      'endpoint-unreachable': `Cannot reach ${aws.service ?? 'AWS'}${aws.region ? ` in ${aws.region}` : ''}`,
      timeout: `${where || 'AWS'} timed out`,
      throttled: `${where || 'AWS'} throttled`,
      'not-found': 'Not found',
      unsupported: `${where || 'Operation'} not supported here`,
    }[aws.kind] ?? `${where || 'AWS'} failed`;
    return { label, reason: aws.message, nextStep: aws.nextStep ?? 'Retry.', action, flags: [...actions, aws.kind.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase())] };
  }
  const kube = asKube(e);
  if (kube) {
    switch (kube.kind) {
      case 'unauthorized':
        return { label: 'Not authorized (401)', reason: kube.message, nextStep: 'Open the diagnosis: it says which identity the cluster saw and how to grant access.', action: 'diagnose', kube };
      case 'forbidden':
        return { label: `Forbidden${kube.verb ? `: ${kube.verb}${kube.resource ? ` ${kube.resource}` : ''}` : ''}`, reason: kube.message, nextStep: 'Open the diagnosis: your identity is mapped but lacks this permission.', action: 'diagnose', kube };
      case 'unreachable':
      case 'timeout':
      case 'tls':
        return {
          label: kube.kind === 'tls' ? 'TLS failure talking to the cluster' : 'Cluster API server unreachable',
          reason: kube.message,
          nextStep: 'Check the network path to the endpoint; for a private endpoint set wharf.eks.endpointOverrides (tunnel or bastion URL). Then retry.',
          action: 'retry',
          kube,
        };
      default:
        return { label: `Kubernetes: ${kube.kind}${kube.status ? ` (${kube.status})` : ''}`, reason: kube.message, nextStep: 'Retry.', action: 'retry', kube };
    }
  }
  const message = (e as Error)?.message ?? String(e);
  return { label: 'Failed to load', reason: message, nextStep: 'Retry.', action: 'retry' };
}

export class ErrorNode extends TreeNode {
  readonly view: ErrorView;

  constructor(
    parent: TreeNode,
    ctx: TreeContext,
    readonly error: unknown,
  ) {
    super(parent, '~error', ctx);
    this.view = describeError(error);
    // The failing node's target, so "Sign in" knows the profile and the diagnosis knows the cluster.
    this.target = parent.target;
  }

  /** The Kubernetes failure, for the 401/403 diagnosis (commands/explorer/diagnosis.ts reads it). */
  get failure(): KubeFailure | undefined {
    return this.view.kube;
  }

  treeItem(): ItemView {
    const v = this.view;
    const command = {
      signIn: { command: CMD.signIn, title: 'Sign in', arguments: [this] },
      chooseProfile: { command: CMD.chooseProfile, title: 'Choose profile', arguments: [this] },
      enterMfa: { command: CMD.enterMfa, title: 'Enter MFA code', arguments: [this] },
      diagnose: { command: CMD.showAuthDiagnosis, title: 'Show diagnosis', arguments: [this] },
      retry: { command: CMD.retry, title: 'Retry', arguments: [this] },
    }[v.action];
    return {
      label: v.label,
      description: v.nextStep,
      tooltip: tooltip(v.label, [], md(v.reason), `**Next step:** ${md(v.nextStep)}`, `_Click: ${command.title}_`),
      contextValue: contextValue('error', Object.fromEntries(v.flags.map((f) => [f, true]))),
      icon: ICON.error,
      collapsible: 'none',
      command,
    };
  }
}
