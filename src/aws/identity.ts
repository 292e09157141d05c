// Who the credentials belong to (STS GetCallerIdentity), and the IAM principal ARN a person grants access to
// (arn.ts: the role ARN of an assumed-role session).
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { principalArn } from './arn';

export { principalArn } from './arn';

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
  /** The IAM principal ARN: the role ARN for an assumed-role session, otherwise the caller's ARN. */
  principalArn: string;
}

export async function getCallerIdentity(sts: STSClient, signal?: AbortSignal, knownRoleArn?: string): Promise<CallerIdentity> {
  const r = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
  const arn = r.Arn ?? '';
  return { account: r.Account ?? '', arn, userId: r.UserId ?? '', principalArn: principalArn(arn, knownRoleArn) };
}
