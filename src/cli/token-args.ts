// `wharf token`: its arguments and its output, as pure functions (src/cli/token.ts does the I/O). The contract is
// `aws eks get-token`'s (awscli/customizations/eks/get_token.py), so a kubeconfig can switch between the two: an
// ExecCredential whose apiVersion follows KUBERNETES_EXEC_INFO, and an expiry 14 minutes after signing, to the second.
import { parseArgs } from 'node:util';

export const TOKEN_USAGE = `Usage:
  wharf token --cluster-name NAME [--region REGION] [--profile PROFILE] [--role-arn ARN]

Prints an ExecCredential with an Amazon EKS authentication token, as \`aws eks get-token\` does, for kubectl and
other Kubernetes clients to run as their exec credential plugin. No AWS CLI is needed.

Options:
  --cluster-name NAME   the EKS cluster's name (signed into the token)
  --region REGION       the cluster's Region (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region)
  --profile PROFILE     the AWS profile (default: AWS_PROFILE, then the SDK's default credential chain)
  --role-arn ARN        assume this IAM role first (session name EKSGetTokenAuth, as the AWS CLI)
  -h, --help            show this help

Credentials come from the AWS SDK's standard chain: environment variables, the shared config and credentials files
(SSO, assume-role, credential_process), container and instance metadata. The output's apiVersion is
client.authentication.k8s.io/v1beta1, or the one KUBERNETES_EXEC_INFO asks for.
Exit codes: 0 printed, 1 no token (credentials, role, region), 2 usage error.
`;

export class TokenUsageError extends Error {}

export interface TokenArgs {
  help: boolean;
  clusterName: string;
  region?: string;
  profile?: string;
  roleArn?: string;
}

export function parseTokenArgs(argv: readonly string[]): TokenArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: false,
      options: {
        'cluster-name': { type: 'string' },
        region: { type: 'string' },
        profile: { type: 'string' },
        'role-arn': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new TokenUsageError((e as Error).message);
  }
  const v = parsed.values;
  if (v.help) return { help: true, clusterName: '' };
  const clusterName = v['cluster-name'];
  if (!clusterName) throw new TokenUsageError('--cluster-name is required');
  // The name goes into a signed header; EKS names are 1-100 of [0-9A-Za-z_-], starting with a letter or digit.
  if (!/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/.test(clusterName)) throw new TokenUsageError(`"${clusterName}" is not an EKS cluster name (letters, digits, - and _, at most 100)`);
  if (v.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(v.region)) throw new TokenUsageError(`"${v.region}" is not an AWS Region (like us-east-1)`);
  if (v['role-arn'] !== undefined && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(v['role-arn'])) {
    throw new TokenUsageError(`--role-arn must be an IAM role ARN (arn:aws:iam::123456789012:role/name), not "${v['role-arn']}"`);
  }
  if (v.profile === '') throw new TokenUsageError('--profile needs a name');
  return { help: false, clusterName, region: v.region, profile: v.profile, roleArn: v['role-arn'] };
}

export const EXEC_API_V1 = 'client.authentication.k8s.io/v1';
export const EXEC_API_V1BETA1 = 'client.authentication.k8s.io/v1beta1';
export const EXEC_API_V1ALPHA1 = 'client.authentication.k8s.io/v1alpha1';

/**
 * The apiVersion to answer with, from KUBERNETES_EXEC_INFO (client-go sets it for every exec plugin since 1.20), and a
 * warning for stderr when it is malformed, unknown or deprecated: the AWS CLI's rules and fallbacks exactly.
 */
export function execApiVersion(execInfo: string | undefined): { apiVersion: string; warning?: string } {
  if (!execInfo) return { apiVersion: EXEC_API_V1BETA1 };
  let info: unknown;
  try {
    info = JSON.parse(execInfo);
  } catch {
    return { apiVersion: EXEC_API_V1BETA1, warning: `could not parse KUBERNETES_EXEC_INFO; answering with ${EXEC_API_V1BETA1} (update your Kubernetes client)` };
  }
  const asked = info && typeof info === 'object' ? (info as { apiVersion?: unknown }).apiVersion : undefined;
  if (asked === EXEC_API_V1 || asked === EXEC_API_V1BETA1) return { apiVersion: asked };
  if (asked === EXEC_API_V1ALPHA1) return { apiVersion: asked, warning: `the kubeconfig's user entry uses the deprecated ${EXEC_API_V1ALPHA1}; write it again with ${EXEC_API_V1BETA1}` };
  return { apiVersion: EXEC_API_V1BETA1, warning: `unrecognized apiVersion ${JSON.stringify(asked)} in KUBERNETES_EXEC_INFO; answering with ${EXEC_API_V1BETA1}` };
}

/** RFC 3339 in UTC to the second, as the AWS CLI writes it (strftime '%Y-%m-%dT%H:%M:%SZ'). */
export function rfc3339Seconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface ExecCredential {
  kind: 'ExecCredential';
  apiVersion: string;
  spec: Record<string, never>;
  status: { expirationTimestamp: string; token: string };
}

/** The same object, keys in the same order, as `aws eks get-token` prints. */
export function execCredential(apiVersion: string, token: string, expiresAt: Date): ExecCredential {
  return { kind: 'ExecCredential', apiVersion, spec: {}, status: { expirationTimestamp: rfc3339Seconds(expiresAt), token } };
}
