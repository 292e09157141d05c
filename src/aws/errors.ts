// Every AWS failure Wharf shows goes through here: an SDK error (modelled service exception, credential provider
// error, socket error, timeout, abort) becomes an AwsError that says what failed, in words, and the one next step a
// person can take. Classification reads the SDK's own shapes (error `name`, `code`, `$metadata`, message text where
// the SDK offers nothing better), never a status code alone.
import { principalArn } from './arn';

export type AwsErrorKind =
  | 'access-denied' | 'throttled' | 'expired-credentials' | 'no-credentials' | 'sso-login-required'
  | 'mfa-required' | 'endpoint-unreachable' | 'timeout' | 'not-found' | 'aborted' | 'unsupported' | 'unknown';

export type AwsErrorAction = 'signIn' | 'chooseProfile' | 'retry' | 'enterMfa';

/** Where a failure happened: filled by the client middleware (session.ts) and the SSO functions. */
export interface AwsErrorWhere {
  service: string;
  operation: string;
  region?: string;
  endpoint?: string;
  /** The IAM principal of the caller (identity.ts principalArn), when known: access denials name it. */
  principalArn?: string;
  /** The sso-session behind the credentials, when there is one: "Sign in" then names it. */
  ssoSession?: string;
  /** The profile in use (undefined: the default chain). */
  profile?: string;
}

export interface AwsErrorInit extends AwsErrorWhere {
  kind: AwsErrorKind;
  message: string;
  nextStep: string;
  actions: AwsErrorAction[];
  action?: string;
  /** The SDK's error name or socket code ("AccessDeniedException", "ECONNREFUSED"). */
  code?: string;
  httpStatus?: number;
  requestId?: string;
  cause?: unknown;
}

export class AwsError extends Error {
  override readonly name = 'AwsError';
  readonly kind: AwsErrorKind;
  readonly service: string;
  readonly operation: string;
  readonly region?: string;
  readonly endpoint?: string;
  /** The IAM action that was refused ("eks:ListClusters"), for access-denied. */
  readonly action?: string;
  readonly principalArn?: string;
  readonly ssoSession?: string;
  readonly profile?: string;
  /** One sentence a person can act on. */
  readonly nextStep: string;
  readonly actions: AwsErrorAction[];
  readonly code?: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
  override readonly cause: unknown;

  constructor(init: AwsErrorInit) {
    super(init.message);
    this.kind = init.kind;
    this.service = init.service;
    this.operation = init.operation;
    this.region = init.region;
    this.endpoint = init.endpoint;
    this.action = init.action;
    this.principalArn = init.principalArn;
    this.ssoSession = init.ssoSession;
    this.profile = init.profile;
    this.nextStep = init.nextStep;
    this.actions = init.actions;
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.requestId = init.requestId;
    this.cause = init.cause;
  }

  /** The fields that made this error, to rebuild it with more context (a principal, an sso-session). */
  get where(): AwsErrorWhere {
    return { service: this.service, operation: this.operation, region: this.region, endpoint: this.endpoint, principalArn: this.principalArn, ssoSession: this.ssoSession, profile: this.profile };
  }
}

export function isAwsError(e: unknown): e is AwsError {
  return e instanceof AwsError;
}

// ---- what the SDK throws ----

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  errno?: number;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $response?: { statusCode?: number; headers?: Record<string, string> };
  errors?: unknown[];
  cause?: unknown;
}

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError', 'NotAuthorized', 'AuthFailure', 'ForbiddenException', 'UnauthorizedAccess']);
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'ThrottledException', 'TooManyRequests', 'TooManyRequestsException', 'RequestLimitExceeded', 'RequestThrottled', 'RequestThrottledException', 'SlowDown', 'PriorRequestNotComplete', 'BandwidthLimitExceeded', 'LimitExceededException', 'EC2ThrottledException', 'TransactionInProgressException']);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
// Keys AWS does not know at all (a deleted access key, keys of another partition): no usable credentials.
const INVALID_KEYS = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidSignatureException', 'IncompleteSignature']);
const TIMEOUT = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const NOT_FOUND = new Set(['ResourceNotFoundException', 'NotFoundException', 'ResourceNotFound', 'ClusterNotFoundException', 'ServiceNotFoundException', 'NoSuchEntity']);
const UNSUPPORTED = new Set(['UnknownOperationException', 'InvalidAction', 'UnsupportedOperation', 'UnsupportedOperationException', 'NotImplemented']);
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EPROTO',
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_UNTRUSTED', 'ERR_SSL_WRONG_VERSION_NUMBER',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** The socket-level code of an error, looking through AggregateError (Node's happy eyeballs) and `cause`. */
function socketCode(e: SdkErrorShape | undefined, depth = 0): string | undefined {
  if (!e || typeof e !== 'object' || depth > 4) return undefined;
  if (typeof e.code === 'string' && (UNREACHABLE_CODES.has(e.code) || TIMEOUT_CODES.has(e.code))) return e.code;
  for (const inner of Array.isArray(e.errors) ? e.errors : []) {
    const c = socketCode(inner as SdkErrorShape, depth + 1);
    if (c) return c;
  }
  return socketCode(e.cause as SdkErrorShape | undefined, depth + 1);
}

/** "eks:ListClusters" from the standard denial text, or undefined. */
export function parseDeniedAction(message: string): string | undefined {
  return /not authorized to perform:?\s+([A-Za-z0-9-]+:[A-Za-z0-9*]+)/.exec(message)?.[1];
}

/**
 * The IAM principal a denial message names ("User: arn:... is not authorized"), or undefined. An assumed-role
 * session ARN becomes its role ARN: that is what a person grants the action to.
 */
export function parseDeniedPrincipal(message: string): string | undefined {
  const arn = /User:\s+(arn:[^\s]+)\s+is not authorized/.exec(message)?.[1];
  return arn ? principalArn(arn) : undefined;
}

// The IAM prefix of each SDK service name Wharf uses, where they differ.
const IAM_PREFIX: Record<string, string> = { 'cloudwatch-logs': 'logs', 'sso-oidc': 'sso-oauth', 'sso-portal': 'sso' };

/** The IAM action of an operation: eks + ListClusters -> "eks:ListClusters". */
export function iamAction(service: string, operation: string): string {
  return `${IAM_PREFIX[service] ?? service}:${operation}`;
}

function ssoSessionIn(message: string): string | undefined {
  return /sso-session '?([^\s',.]+)/.exec(message)?.[1] ?? /[Ss]so session '([^']+)'/.exec(message)?.[1];
}

const SSO_LOGIN_TEXT = [
  /SSO session (associated with this profile )?(token )?(has )?expired/i,
  /SSO session .*(is invalid|was not found)/i,
  /SSO token .*(expired|not found|invalid)/i,
  /Token is expired\. To refresh this SSO session/i,
  /To refresh this SSO session run/i,
  /Session token not found or invalid/i,
  /Value not present for '.*' in SSO Token/i,
];

function where(w: AwsErrorWhere): string {
  return `${w.service} ${w.operation}${w.region ? ` in ${w.region}` : ''}`;
}

/** Turns anything thrown by an SDK call into an AwsError. An AwsError passes through, gaining missing context. */
export function toAwsError(e: unknown, at: AwsErrorWhere): AwsError {
  if (e instanceof AwsError) {
    // Made elsewhere (an SSO credential provider failing inside an EKS call): keep its own service and operation;
    // the call's Region and endpoint belong to it only when it is the same call.
    const same = e.service === at.service && e.operation === at.operation;
    const merged: AwsErrorWhere = {
      ...e.where,
      region: e.region ?? (same ? at.region : undefined),
      endpoint: e.endpoint ?? (same ? at.endpoint : undefined),
      principalArn: e.principalArn ?? at.principalArn,
      ssoSession: e.ssoSession ?? at.ssoSession,
      profile: e.profile ?? at.profile,
    };
    return sameWhere(merged, e.where) ? e : rebuild(e, merged);
  }
  return classify(e, at);
}

function sameWhere(a: AwsErrorWhere, b: AwsErrorWhere): boolean {
  return (Object.keys(a) as (keyof AwsErrorWhere)[]).every((k) => a[k] === b[k]);
}

/**
 * The same error, now naming the caller (what AwsSession.describeError does with the cached identity). Only an
 * access denial reads differently with a principal; a denial built from an SDK error is classified again so its
 * message and next step name the ARN.
 */
export function withPrincipal(e: AwsError, principalArn: string): AwsError {
  if (e.principalArn || e.kind !== 'access-denied') return e;
  const at = { ...e.where, principalArn };
  return e.cause !== undefined ? classify(e.cause, at) : rebuild(e, at);
}

function classify(raw: unknown, at: AwsErrorWhere): AwsError {
  const e = (raw && typeof raw === 'object' ? raw : { message: String(raw) }) as SdkErrorShape;
  const name = e.name ?? '';
  const message = (e.message ?? String(raw)).trim();
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const base = { ...at, code: name && name !== 'Error' ? name : e.code, httpStatus: status, requestId: e.$metadata?.requestId, cause: raw };
  const make = (kind: AwsErrorKind, msg: string, nextStep: string, actions: AwsErrorAction[], extra: Partial<AwsErrorInit> = {}) =>
    new AwsError({ ...base, kind, message: msg, nextStep, actions, ...extra });

  if (name === 'AbortError' || e.code === 'ABORT_ERR') {
    return make('aborted', `${where(at)} was cancelled.`, 'Nothing to do: the request was cancelled.', ['retry']);
  }

  // MFA before the SSO and no-credentials checks: the SDK raises it as a CredentialsProviderError.
  if (/requires multi-factor authentication/i.test(message)) {
    const serial = /mfa_serial\s*=?\s*(arn:\S+)/.exec(message)?.[1];
    return make('mfa-required', `The profile${at.profile ? ` ${at.profile}` : ''} needs an MFA code to assume its role.`,
      `Enter the current code of your MFA device${serial ? ` (${serial})` : ''}.`, ['enterMfa']);
  }

  if (SSO_LOGIN_TEXT.some((re) => re.test(message)) || (name === 'UnauthorizedException' && /^sso/.test(at.service))) {
    const session = at.ssoSession ?? ssoSessionIn(message);
    return make('sso-login-required', `The IAM Identity Center sign-in${session ? ` of session ${session}` : ''} is missing or has expired.`,
      `Sign in with IAM Identity Center${session ? ` (session ${session})` : ''}.`, ['signIn'], { ssoSession: session });
  }

  if (ACCESS_DENIED.has(name) || /not authorized to perform/i.test(message)) {
    const action = parseDeniedAction(message) ?? iamAction(at.service, at.operation);
    const principal = at.principalArn ?? parseDeniedPrincipal(message);
    const who = principal ?? 'The current identity';
    return make('access-denied', `${who} may not ${action}${at.region ? ` in ${at.region}` : ''}.`,
      principal ? `Ask for ${action} on ${principal}, or choose another profile.` : `Ask your AWS administrator for ${action}, or choose another profile.`,
      ['chooseProfile', 'retry'], { action, principalArn: principal });
  }

  if (THROTTLED.has(name) || status === 429) {
    return make('throttled', `AWS is throttling ${where(at)} (${name || 'HTTP 429'}), even after retries with backoff.`,
      'Wait a few seconds and retry; other tools calling the same account share the limit.', ['retry']);
  }

  if (EXPIRED.has(name) || /security token included in the request is expired/i.test(message)) {
    const sso = at.ssoSession;
    return make('expired-credentials', `The credentials${at.profile ? ` of profile ${at.profile}` : ''} have expired.`,
      sso ? `Sign in with IAM Identity Center (session ${sso}).` : `Refresh the credentials${at.profile ? ` of profile ${at.profile}` : ''} (new keys, or sign in again) and retry, or choose another profile.`,
      sso ? ['signIn', 'retry'] : ['retry', 'chooseProfile']);
  }

  if (INVALID_KEYS.has(name)) {
    return make('no-credentials', `AWS does not accept the access key${at.profile ? ` of profile ${at.profile}` : ''} (${name}).`,
      'Fix the access key of this profile (it may be deleted, or belong to another partition), or choose another profile.', ['chooseProfile']);
  }

  if (name === 'CredentialsProviderError' || /Could not load credentials|Could not resolve credentials|Unable to locate credentials|credential_process|Profile .* (was not found|could not be found)/i.test(message)) {
    return make('no-credentials', `No AWS credentials${at.profile ? ` for profile ${at.profile}` : ''}: ${message}`,
      at.profile ? `Fix profile ${at.profile} in your AWS config, or choose another profile.` : 'Set up credentials (a profile in ~/.aws/config, environment variables or SSO), or choose a profile.',
      ['chooseProfile']);
  }

  const sock = socketCode(e);
  if (sock && UNREACHABLE_CODES.has(sock)) {
    const target = at.endpoint ?? `the ${at.service} endpoint${at.region ? ` of ${at.region}` : ''}`;
    const tls = /CERT|TLS|SSL/.test(sock);
    return make('endpoint-unreachable', `Cannot reach ${target} (${sock}).`,
      tls
        ? `Check the TLS certificate of ${target} (a proxy that inspects TLS needs its CA in NODE_EXTRA_CA_CERTS).`
        : `Check that ${target} is reachable from here (network, VPN, proxy, or AWS_ENDPOINT_URL / endpoint_url).`,
      ['retry'], { code: sock });
  }

  if (TIMEOUT.has(name) || (sock && TIMEOUT_CODES.has(sock))) {
    const target = at.endpoint ?? `the ${at.service} endpoint${at.region ? ` of ${at.region}` : ''}`;
    return make('timeout', `${where(at)} did not answer in time (${target}).`, 'Retry; if it keeps timing out, check the network or proxy to AWS.', ['retry']);
  }

  if (NOT_FOUND.has(name)) {
    return make('not-found', `${where(at)}: ${message}`, 'Refresh the view: it may have been deleted or renamed.', ['retry']);
  }

  // A service (or an emulator) without the operation answers an HTML or empty 404, which the SDK fails to parse.
  const html404 = status === 404 && !/Exception$/.test(name);
  if (UNSUPPORTED.has(name) || name === 'SyntaxError' || html404 || /Deserialization error/i.test(message)) {
    return make('unsupported', `${at.service} ${at.operation} is not available at ${at.endpoint ?? `the endpoint${at.region ? ` of ${at.region}` : ''}`}.`,
      'This endpoint does not offer the operation (an older region, a partition, or an emulator); the rest still works.', []);
  }

  return make('unknown', `${where(at)} failed: ${message || name || 'unknown error'}`, 'Retry; if it persists, the message above is what AWS said.', ['retry']);
}

/** Same kind and words, more context (an error made by Wharf itself, e.g. in sso.ts, seen again by a client). */
function rebuild(e: AwsError, at: AwsErrorWhere): AwsError {
  return new AwsError({ ...at, kind: e.kind, message: e.message, nextStep: e.nextStep, actions: e.actions, action: e.action, code: e.code, httpStatus: e.httpStatus, requestId: e.requestId, cause: e.cause });
}
