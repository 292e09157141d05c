// STS (query protocol, XML): moto answers GetCallerIdentity with `user/moto` for every key, so the harness's
// principals would all look alike. Keys the harness knows get their own ARN here; every other call (AssumeRole,
// and GetCallerIdentity with the keys AssumeRole made) goes to moto, which knows its own sessions.
import type { StandinContext } from './context';
import { forward, relay, sendXml, xmlEscape, requestId, type Incoming } from './http';

/** Action from the form body (POST) or the query string (GET, a presigned URL). */
export function stsAction(inc: Incoming): string | undefined {
  const form = inc.method === 'POST' && /x-www-form-urlencoded/.test(String(inc.req.headers['content-type'] ?? ''))
    ? new URLSearchParams(inc.body.toString('utf8'))
    : inc.url.searchParams;
  return form.get('Action') ?? undefined;
}

export async function handleSts(ctx: StandinContext, inc: Incoming, action: string | undefined): Promise<void> {
  const who = inc.scope && ctx.identity(inc.scope.accessKeyId);
  if (action === 'GetCallerIdentity' && who) {
    return sendXml(inc.res, 200, [
      '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">',
      '<GetCallerIdentityResult>',
      `<Arn>${xmlEscape(who.arn)}</Arn>`,
      `<UserId>${xmlEscape(who.userId)}</UserId>`,
      `<Account>${xmlEscape(who.account)}</Account>`,
      '</GetCallerIdentityResult>',
      `<ResponseMetadata><RequestId>${requestId()}</RequestId></ResponseMetadata>`,
      '</GetCallerIdentityResponse>',
    ].join(''));
  }
  relay(inc.res, await forward(ctx.moto, inc.method, inc.url.pathname + inc.url.search, inc.req.headers, inc.body));
}
