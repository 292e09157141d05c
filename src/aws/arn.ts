// ARNs as a person grants access to them. Pure (no SDK), so errors.ts and the token CLI can use it cheaply.
// STS answers with the *session* ARN of an assumed role (arn:aws:sts::A:assumed-role/NAME/SESSION); EKS access
// entries, aws-auth and IAM policies want the *role* ARN (arn:aws:iam::A:role/NAME). STS drops the role's path,
// so a path is kept only when the caller knows the role's full ARN (a profile's role_arn).

const ARN = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/;

/**
 * The IAM principal behind an STS caller ARN.
 * - arn:aws:sts::A:assumed-role/NAME/SESSION -> arn:aws:iam::A:role/NAME, or `knownRoleArn` when it names the
 *   same role in the same account (then its path, e.g. /aws-reserved/sso.amazonaws.com/, is kept).
 * - users (arn:aws:iam::A:user/path/NAME), root (arn:aws:iam::A:root), federated users
 *   (arn:aws:sts::A:federated-user/NAME) and anything unrecognised stay as they are: they are principals already
 *   (a federated user cannot be granted access by ARN at all; its ARN is still what AWS reports).
 */
export function principalArn(callerArn: string, knownRoleArn?: string): string {
  const m = ARN.exec(callerArn);
  if (!m) return callerArn;
  const [, partition, service, , account, resource] = m;
  if (service !== 'sts' || !resource.startsWith('assumed-role/')) return callerArn;
  const parts = resource.split('/');
  // assumed-role/NAME/SESSION: a role name has no slash; the session name is the last part.
  if (parts.length < 3) return callerArn;
  const roleName = parts[1];
  const plain = `arn:${partition}:iam::${account}:role/${roleName}`;
  if (knownRoleArn) {
    const k = ARN.exec(knownRoleArn);
    if (k && k[1] === partition && k[2] === 'iam' && k[4] === account && k[5].startsWith('role/') && k[5].split('/').pop() === roleName) return knownRoleArn;
  }
  return plain;
}
