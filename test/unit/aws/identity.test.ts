// The IAM principal behind an STS caller ARN: what a person puts into an EKS access entry or a policy.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { principalArn } from '../../../src/aws/identity';

describe('principalArn', () => {
  const table: [string, string, string?][] = [
    // assumed-role sessions become their role, in each partition
    ['arn:aws:sts::123456789012:assumed-role/Dev/alice', 'arn:aws:iam::123456789012:role/Dev'],
    ['arn:aws-cn:sts::123456789012:assumed-role/Dev/alice@example.com', 'arn:aws-cn:iam::123456789012:role/Dev'],
    ['arn:aws-us-gov:sts::123456789012:assumed-role/Ops-Admin/botocore-session-1700000000', 'arn:aws-us-gov:iam::123456789012:role/Ops-Admin'],
    // SSO permission-set roles: STS drops the /aws-reserved/sso.amazonaws.com/ path ...
    ['arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice', 'arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_0123456789abcdef'],
    // ... and it is kept when the caller knows the role's full ARN (a profile's role_arn)
    ['arn:aws:sts::111122223333:assumed-role/Deploy/ci', 'arn:aws:iam::111122223333:role/teams/platform/Deploy', 'arn:aws:iam::111122223333:role/teams/platform/Deploy'],
    // a known role ARN for another role or account is not borrowed
    ['arn:aws:sts::111122223333:assumed-role/Deploy/ci', 'arn:aws:iam::111122223333:role/Deploy', 'arn:aws:iam::111122223333:role/teams/Other'],
    ['arn:aws:sts::111122223333:assumed-role/Deploy/ci', 'arn:aws:iam::111122223333:role/Deploy', 'arn:aws:iam::444455556666:role/x/Deploy'],
    // principals already
    ['arn:aws:iam::123456789012:user/division/bob', 'arn:aws:iam::123456789012:user/division/bob'],
    ['arn:aws:iam::123456789012:root', 'arn:aws:iam::123456789012:root'],
    ['arn:aws:sts::123456789012:federated-user/carol', 'arn:aws:sts::123456789012:federated-user/carol'],
    ['arn:aws-cn:iam::123456789012:root', 'arn:aws-cn:iam::123456789012:root'],
    // not an ARN: unchanged
    ['not-an-arn', 'not-an-arn'],
  ];
  for (const [input, want, known] of table) {
    it(`${input}${known ? ` (knowing ${known})` : ''}`, () => assert.equal(principalArn(input, known), want));
  }
});
