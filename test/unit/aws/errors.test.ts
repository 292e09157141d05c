// AwsError classification over the shapes the SDK really throws: modelled exceptions built with the clients' own
// ServiceException classes, the generic ServiceException the query protocol (STS) raises for unmodelled codes,
// credential-provider errors with the SDK's own messages, and Node socket errors as the HTTP handler passes them
// on. (test/unit/aws/session.test.ts gets the same shapes from a real client talking to a local HTTP server.)
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AccessDeniedException, ResourceNotFoundException, ThrottlingException } from '@aws-sdk/client-eks';
import { ClusterNotFoundException } from '@aws-sdk/client-ecs';
import { UnauthorizedException } from '@aws-sdk/client-sso';
import { ExpiredTokenException, STSServiceException } from '@aws-sdk/client-sts';
import { CredentialsProviderError, TokenProviderError } from '@smithy/core/config';
import { AwsError, isAwsError, parseDeniedAction, toAwsError, withPrincipal, type AwsErrorKind } from '../../../src/aws/errors';

const meta = (httpStatusCode: number) => ({ httpStatusCode, requestId: 'req-1', attempts: 1, totalRetryDelay: 0 });
const DENIED_MSG = 'User: arn:aws:sts::123456789012:assumed-role/Dev/alice is not authorized to perform: eks:ListClusters on resource: arn:aws:eks:eu-west-1:123456789012:cluster/* because no identity-based policy allows the eks:ListClusters action';
const where = { service: 'eks', operation: 'ListClusters', region: 'eu-west-1', endpoint: 'https://eks.eu-west-1.amazonaws.com' };
const sysError = (code: string, message: string) => Object.assign(new Error(message), { code, errno: -1, syscall: 'connect', $metadata: {} });

interface Case { name: string; error: unknown; kind: AwsErrorKind; at?: Partial<typeof where> & { service?: string; operation?: string; ssoSession?: string; profile?: string }; actions?: string[]; message?: RegExp; nextStep?: RegExp; action?: string }

const cases: Case[] = [
  {
    name: 'EKS AccessDeniedException names the action, and the role of the session the message names',
    error: new AccessDeniedException({ message: DENIED_MSG, $metadata: meta(403) }),
    kind: 'access-denied', action: 'eks:ListClusters',
    message: /^arn:aws:iam::123456789012:role\/Dev may not eks:ListClusters in eu-west-1\.$/,
    nextStep: /^Ask for eks:ListClusters on arn:aws:iam::123456789012:role\/Dev, or choose another profile\.$/,
    actions: ['chooseProfile', 'retry'],
  },
  {
    name: 'STS AccessDenied (query protocol, unmodelled) without an action in the text: derived service:Operation',
    error: new STSServiceException({ name: 'AccessDenied', $fault: 'client', message: 'Access denied', $metadata: meta(403) }),
    at: { service: 'sts', operation: 'GetCallerIdentity', region: 'us-east-1' }, kind: 'access-denied', action: 'sts:GetCallerIdentity',
    nextStep: /^Ask your AWS administrator for sts:GetCallerIdentity, or choose another profile\.$/,
  },
  {
    name: 'EC2 UnauthorizedOperation',
    error: new STSServiceException({ name: 'UnauthorizedOperation', $fault: 'client', message: 'You are not authorized to perform this operation. User: arn:aws:iam::111122223333:user/bob is not authorized to perform: ec2:DescribeVpcs because no identity-based policy allows the ec2:DescribeVpcs action', $metadata: meta(403) }),
    kind: 'access-denied', action: 'ec2:DescribeVpcs', message: /^arn:aws:iam::111122223333:user\/bob may not ec2:DescribeVpcs/,
  },
  { name: 'EKS ThrottlingException', error: new ThrottlingException({ message: 'Rate exceeded', $metadata: meta(429) }), kind: 'throttled', actions: ['retry'] },
  { name: 'STS Throttling', error: new STSServiceException({ name: 'Throttling', $fault: 'client', message: 'Rate exceeded', $metadata: meta(400) }), kind: 'throttled' },
  { name: 'EC2 RequestLimitExceeded', error: new STSServiceException({ name: 'RequestLimitExceeded', $fault: 'client', message: 'Request limit exceeded.', $metadata: meta(503) }), kind: 'throttled' },
  { name: 'SSO TooManyRequestsException', error: new STSServiceException({ name: 'TooManyRequestsException', $fault: 'client', message: 'Too many', $metadata: meta(429) }), kind: 'throttled' },
  { name: 'STS ExpiredToken (query protocol)', error: new STSServiceException({ name: 'ExpiredToken', $fault: 'client', message: 'The security token included in the request is expired', $metadata: meta(403) }), kind: 'expired-credentials', at: { profile: 'dev' }, nextStep: /profile dev/ },
  { name: 'STS ExpiredTokenException (modelled)', error: new ExpiredTokenException({ message: 'Token expired', $metadata: meta(400) }), kind: 'expired-credentials' },
  {
    name: 'expired credentials of an SSO profile offer sign-in',
    error: new STSServiceException({ name: 'ExpiredTokenException', $fault: 'client', message: 'The security token included in the request is expired', $metadata: meta(403) }),
    at: { ssoSession: 'my-sso' }, kind: 'expired-credentials', actions: ['signIn', 'retry'], nextStep: /^Sign in with IAM Identity Center \(session my-sso\)\.$/,
  },
  { name: 'EC2 RequestExpired', error: new STSServiceException({ name: 'RequestExpired', $fault: 'client', message: 'Request has expired.', $metadata: meta(400) }), kind: 'expired-credentials' },
  { name: 'unknown access key', error: new STSServiceException({ name: 'InvalidClientTokenId', $fault: 'client', message: 'The security token included in the request is invalid.', $metadata: meta(403) }), kind: 'no-credentials' },
  {
    name: 'default chain without credentials',
    error: new CredentialsProviderError('Could not load credentials from any providers', { tryNextLink: false }),
    kind: 'no-credentials', actions: ['chooseProfile'],
  },
  {
    name: 'fromIni with a profile that does not resolve',
    error: new CredentialsProviderError('Could not resolve credentials using profile: [nope] in configuration/credentials file(s).', { tryNextLink: true }),
    at: { profile: 'nope' }, kind: 'no-credentials', nextStep: /^Fix profile nope in your AWS config, or choose another profile\.$/,
  },
  {
    name: 'credential-provider-sso: sso-session token missing (its own wording)',
    error: new CredentialsProviderError("The SSO session token associated with profile=dev was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile.", { tryNextLink: false }),
    at: { ssoSession: 'my-sso' }, kind: 'sso-login-required', actions: ['signIn'], nextStep: /^Sign in with IAM Identity Center \(session my-sso\)\.$/,
  },
  {
    name: 'credential-provider-sso: legacy profile token expired',
    error: new CredentialsProviderError('The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.', { tryNextLink: false }),
    kind: 'sso-login-required', actions: ['signIn'],
  },
  {
    name: 'token-providers: expired and not refreshable',
    error: new TokenProviderError("Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.", false),
    kind: 'sso-login-required',
  },
  {
    name: 'SSO portal UnauthorizedException (revoked token)',
    error: new UnauthorizedException({ message: 'Session token not found or invalid', $metadata: meta(401) }),
    at: { service: 'sso', operation: 'ListAccounts', ssoSession: 'corp' }, kind: 'sso-login-required', nextStep: /session corp/,
  },
  {
    name: 'MFA without a code callback',
    error: new CredentialsProviderError('Profile admin requires multi-factor authentication, but no MFA code callback was provided.', { tryNextLink: false }),
    at: { profile: 'admin' }, kind: 'mfa-required', actions: ['enterMfa'],
  },
  { name: 'ECONNREFUSED', error: sysError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'), kind: 'endpoint-unreachable', message: /Cannot reach https:\/\/eks\.eu-west-1\.amazonaws\.com \(ECONNREFUSED\)/ },
  { name: 'ENOTFOUND', error: sysError('ENOTFOUND', 'getaddrinfo ENOTFOUND eks.xx-east-9.amazonaws.com'), kind: 'endpoint-unreachable' },
  { name: 'EAI_AGAIN', error: sysError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN eks.eu-west-1.amazonaws.com'), kind: 'endpoint-unreachable' },
  {
    name: 'happy-eyeballs AggregateError around ECONNREFUSED',
    error: Object.assign(new AggregateError([sysError('ECONNREFUSED', 'connect ECONNREFUSED ::1:443'), sysError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:443')], ''), { $metadata: {} }),
    kind: 'endpoint-unreachable',
  },
  { name: 'TLS: self-signed certificate (a TLS-inspecting proxy)', error: sysError('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'), kind: 'endpoint-unreachable', nextStep: /NODE_EXTRA_CA_CERTS/ },
  {
    name: 'node-http-handler requestTimeout (throwOnRequestTimeout)',
    error: Object.assign(new Error('@smithy/node-http-handler - [ERROR] a request has exceeded the configured 30000 ms requestTimeout.'), { name: 'TimeoutError', code: 'ETIMEDOUT', $metadata: {} }),
    kind: 'timeout', actions: ['retry'],
  },
  { name: 'S3-style RequestTimeout', error: new STSServiceException({ name: 'RequestTimeout', $fault: 'client', message: 'Your socket connection to the server was not read from or written to within the timeout period.', $metadata: meta(400) }), kind: 'timeout' },
  { name: 'EKS ResourceNotFoundException', error: new ResourceNotFoundException({ message: 'No cluster found for name: gone.', $metadata: meta(404) }), kind: 'not-found' },
  { name: 'ECS ClusterNotFoundException', error: new ClusterNotFoundException({ message: 'Cluster not found.', $metadata: meta(400) }), kind: 'not-found', at: { service: 'ecs', operation: 'DescribeServices' } },
  { name: 'AbortError', error: Object.assign(new Error('Request aborted'), { name: 'AbortError' }), kind: 'aborted' },
  {
    name: 'HTML 404 from a service without the operation (the SDK cannot parse it: SyntaxError)',
    error: Object.assign(new SyntaxError('Unexpected token \'<\', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'), { $metadata: meta(404) }),
    at: { operation: 'ListAccessEntries' }, kind: 'unsupported', message: /^eks ListAccessEntries is not available at https:\/\/eks\.eu-west-1\.amazonaws\.com\.$/,
  },
  { name: 'query-protocol 404 without a body', error: new STSServiceException({ name: 'NotFound', $fault: 'client', message: 'Unknown', $metadata: meta(404) }), kind: 'unsupported' },
  { name: 'anything else', error: new STSServiceException({ name: 'InternalFailure', $fault: 'server', message: 'We encountered an internal error.', $metadata: meta(500) }), kind: 'unknown', message: /failed: We encountered an internal error\./ },
  { name: 'a thrown string', error: 'boom', kind: 'unknown', message: /boom/ },
];

describe('toAwsError', () => {
  for (const c of cases) {
    it(c.name, () => {
      const e = toAwsError(c.error, { ...where, ...c.at });
      assert.ok(isAwsError(e));
      assert.ok(e instanceof Error);
      assert.equal(e.kind, c.kind, e.message);
      assert.equal(e.service, c.at?.service ?? where.service);
      assert.equal(e.operation, c.at?.operation ?? where.operation);
      assert.equal(e.cause, c.error);
      assert.ok(e.nextStep.length > 10 && /[.]$/.test(e.nextStep), `nextStep is a sentence: ${e.nextStep}`);
      if (c.actions) assert.deepEqual(e.actions, c.actions);
      if (c.message) assert.match(e.message, c.message);
      if (c.nextStep) assert.match(e.nextStep, c.nextStep);
      if (c.action) assert.equal(e.action, c.action);
    });
  }

  it('keeps the HTTP status and request id of a service error', () => {
    const e = toAwsError(new ThrottlingException({ message: 'x', $metadata: meta(429) }), where);
    assert.equal(e.httpStatus, 429);
    assert.equal(e.requestId, 'req-1');
    assert.equal(e.code, 'ThrottlingException');
  });

  it('an AwsError passes through, gaining context it lacked but keeping its own words', () => {
    const own = new AwsError({ kind: 'sso-login-required', service: 'sso-oidc', operation: 'GetToken', ssoSession: 's', message: 'No sign-in.', nextStep: 'Sign in with IAM Identity Center (session s).', actions: ['signIn'] });
    const again = toAwsError(own, { service: 'sso-oidc', operation: 'GetToken', region: 'eu-west-1' });
    assert.equal(again.kind, 'sso-login-required');
    assert.equal(again.message, 'No sign-in.');
    assert.equal(again.region, 'eu-west-1');
    assert.equal(again.ssoSession, 's');
    assert.equal(toAwsError(again, { service: 'sso-oidc', operation: 'GetToken' }), again);
    // Seen by an EKS client's middleware (its credentials failed): still the SSO failure, now naming the profile.
    const inEks = toAwsError(own, { ...where, profile: 'dev' });
    assert.equal(inEks.service, 'sso-oidc');
    assert.equal(inEks.operation, 'GetToken');
    assert.equal(inEks.endpoint, undefined);
    assert.equal(inEks.profile, 'dev');
  });
});

describe('withPrincipal', () => {
  it('names the IAM principal in an access denial', () => {
    const e = toAwsError(new AccessDeniedException({ message: 'Access denied', $metadata: meta(403) }), where);
    assert.equal(e.message, 'The current identity may not eks:ListClusters in eu-west-1.');
    const named = withPrincipal(e, 'arn:aws:iam::1:role/Dev');
    assert.equal(named.message, 'arn:aws:iam::1:role/Dev may not eks:ListClusters in eu-west-1.');
    assert.equal(named.nextStep, 'Ask for eks:ListClusters on arn:aws:iam::1:role/Dev, or choose another profile.');
    assert.equal(named.principalArn, 'arn:aws:iam::1:role/Dev');
  });

  it('leaves other kinds alone', () => {
    const e = toAwsError(new ThrottlingException({ message: 'x', $metadata: meta(429) }), where);
    assert.equal(withPrincipal(e, 'arn:aws:iam::1:role/Dev'), e);
  });
});

describe('parseDeniedAction', () => {
  it('reads the action out of the standard texts', () => {
    assert.equal(parseDeniedAction(DENIED_MSG), 'eks:ListClusters');
    assert.equal(parseDeniedAction('User: arn:aws:iam::1:user/x is not authorized to perform: ecs:DescribeClusters on resource: *'), 'ecs:DescribeClusters');
    assert.equal(parseDeniedAction('Access denied'), undefined);
  });
});
