// The local AWS that tests, the demo and the extension talk to (AWS_ENDPOINT_URL): an HTTP stand-in in front of
// moto that serves what moto 5.2.5 lacks with the real APIs' wire shapes (EKS access entries, add-ons, insights,
// Pod Identity, the version calendar, the cluster fields moto drops; ECS exec state; per-principal STS identities;
// SSO-OIDC and the SSO portal) and relays everything else to moto unchanged. It counts calls per operation, so a
// benchmark can show how many requests a view made. Routing: signed requests by their SigV4 credential scope's
// service; the unsigned SSO calls by path. Test hooks live under /__standin/.
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Identity, StandinContext } from './context';
import { EcsStandin, remoteExecuteCommandHandler, type ExecuteCommandHandler } from './ecs';
import { handleEks } from './eks';
import { matchEks } from './eks-routes';
import { EksState } from './eks-state';
import { credentialScope, forward, readBody, relay, sendJson, type Incoming } from './http';
import { OIDC_PATHS, PORTAL_PATHS, SsoStandin, type SsoOptions } from './sso';
import { handleSts, stsAction } from './sts';

export type { ExecuteCommandHandler, ExecuteCommandRequest, ExecuteCommandSession } from './ecs';
export { EcsApiError } from './ecs';
export type { SsoAccount, SsoOptions, SsoRole } from './sso';

export interface StandinOptions {
  /** moto's base URL, e.g. http://127.0.0.1:5000. */
  moto: string;
  /** 0 or absent: a free loopback port. */
  port?: number;
  /** moto's account (123456789012). */
  account?: string;
  /** Keys whose GetCallerIdentity is answered here with their own IAM user ARN. */
  principals?: { accessKeyId: string; arn: string; readOnly?: boolean }[];
  sso?: SsoOptions;
  executeCommand?: ExecuteCommandHandler;
  /** The clock for support phases, token expiry and timestamps (tests may move it). */
  now?: () => number;
}

export interface Stats {
  since: string;
  total: number;
  /** `service:Operation` -> calls, e.g. `eks:ListClusters`. */
  operations: Record<string, number>;
  byRegion: Record<string, Record<string, number>>;
}

export interface Standin {
  url: string;
  stats(): Stats;
  resetStats(): void;
  /** Plugs in the SSM side of ECS Exec; undefined restores the default (TargetNotConnectedException). */
  setExecuteCommandHandler(fn: ExecuteCommandHandler | undefined): void;
  /** EKS health issues have no API to create them: the seed sets them here (also POST /__standin/eks/health). */
  setClusterHealth(region: string, cluster: string, issues: { code: string; message: string; resourceIds?: string[] }[]): void;
  sso: SsoStandin;
  close(): Promise<void>;
}

/** An IAM user's unique id (AIDA...), stable per ARN. */
function userId(arn: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return `AIDA${Array.from(createHash('sha256').update(arn).digest().subarray(0, 17), (b) => alphabet[b % 32]).join('')}`;
}

export async function startStandin(opts: StandinOptions): Promise<Standin> {
  const account = opts.account ?? '123456789012';
  const ids = new Map<string, Identity>((opts.principals ?? []).map((p) => [p.accessKeyId, { arn: p.arn, account: p.arn.split(':')[4] || account, userId: userId(p.arn), readOnly: p.readOnly }]));
  let base = '';
  const ctx: StandinContext = { moto: new URL(opts.moto), self: () => base, now: opts.now ?? Date.now, identity: (k) => ids.get(k), account };
  const eks = new EksState();
  const ecs = new EcsStandin(ctx);
  ecs.handler = opts.executeCommand;
  const sso = new SsoStandin(ctx, opts.sso ?? { accounts: [] });
  let stats: Stats = fresh();

  const count = (region: string, op: string) => {
    stats.total++;
    stats.operations[op] = (stats.operations[op] ?? 0) + 1;
    const r = (stats.byRegion[region] ??= {});
    r[op] = (r[op] ?? 0) + 1;
  };

  const hooks = async (inc: Incoming): Promise<void> => {
    const { res, url, method } = inc;
    const body = () => (inc.body.length ? (JSON.parse(inc.body.toString('utf8')) as Record<string, unknown>) : {});
    const form = () => new URLSearchParams(inc.body.toString('utf8'));
    const key = `${method} ${url.pathname}`;
    switch (key) {
      case 'GET /__standin/health': return sendJson(res, 200, { ok: true, moto: opts.moto });
      case 'GET /__standin/stats': return sendJson(res, 200, stats);
      case 'POST /__standin/stats/reset': stats = fresh(); return sendJson(res, 200, stats);
      case 'POST /__standin/eks/health': {
        const b = body() as { region: string; cluster: string; issues: never[] };
        eks.get(b.region, b.cluster).health = { issues: b.issues ?? [] };
        return sendJson(res, 200, { ok: true });
      }
      case 'POST /__standin/ecs/execute-command-handler':
        ecs.handler = remoteExecuteCommandHandler(String(body().url));
        return sendJson(res, 200, { ok: true });
      case 'DELETE /__standin/ecs/execute-command-handler':
        // Back to the stack's own handler (the test SSM agent, or none: TargetNotConnectedException).
        ecs.handler = opts.executeCommand;
        return sendJson(res, 200, { ok: true });
      case 'POST /__standin/sso/approve':
      case 'POST /__standin/sso/deny': {
        const ok = sso.approve(String(body().userCode ?? ''), key.endsWith('approve') ? 'approved' : 'denied');
        return sendJson(res, ok ? 200 : 404, { ok });
      }
      case 'POST /__standin/sso/expire': {
        const b = body() as { userCode?: string };
        return sendJson(res, 200, { ok: sso.expire(b.userCode) });
      }
      case 'GET /__standin/sso/verify':
        return sso.verifyPage(res, url.searchParams.get('user_code') ?? '');
      case 'POST /__standin/sso/verify': {
        const f = form();
        const verdict = f.get('verdict') === 'denied' ? 'denied' : 'approved';
        const ok = sso.approve(f.get('user_code') ?? '', verdict);
        return sso.verifyPage(res, f.get('user_code') ?? '', ok ? (verdict === 'approved' ? 'Request approved.' : 'Request denied.') : 'This code is unknown or has expired.');
      }
      default: return sendJson(res, 404, { message: `no test hook ${key}` });
    }
  };

  const route = async (inc: Incoming): Promise<void> => {
    const path = inc.url.pathname;
    if (path.startsWith('/__standin/')) return hooks(inc);
    const scope = inc.scope;
    if (scope?.service === 'eks') {
      const m = matchEks(inc.method, path);
      count(scope.region, `eks:${m?.op ?? `${inc.method} ${path}`}`);
      if (m) return handleEks({ inc, ctx, state: eks, op: m.op, params: m.params, region: scope.region });
    } else if (scope?.service === 'ecs') {
      const op = EcsStandin.operation(inc);
      count(scope.region, `ecs:${op ?? 'unknown'}`);
      return ecs.handle(inc, op);
    } else if (scope?.service === 'sts') {
      const action = stsAction(inc);
      count(scope.region, `sts:${action ?? 'unknown'}`);
      return handleSts(ctx, inc, action);
    } else if (scope) {
      const target = inc.req.headers['x-amz-target'];
      const op = typeof target === 'string' ? target.split('.').pop() : new URLSearchParams(inc.method === 'POST' ? inc.body.toString('utf8') : inc.url.search).get('Action');
      count(scope.region, `${scope.service}:${op ?? `${inc.method} ${path}`}`);
    } else if (OIDC_PATHS[path] && inc.method === 'POST') {
      count(regionOfHost(inc), `sso-oidc:${OIDC_PATHS[path]}`);
      return sso.handle(inc, OIDC_PATHS[path]);
    } else if (PORTAL_PATHS[path] && 'x-amz-sso_bearer_token' in inc.req.headers) {
      count(regionOfHost(inc), `sso:${PORTAL_PATHS[path]}`);
      return sso.handle(inc, PORTAL_PATHS[path]);
    }
    relay(inc.res, await forward(ctx.moto, inc.method, path + inc.url.search, inc.req.headers, inc.body));
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://standin');
      const inc: Incoming = { req, res, method: req.method ?? 'GET', url, body: await readBody(req), scope: credentialScope(req, url) };
      await route(inc);
    })().catch((e: unknown) => {
      process.stderr.write(`[standin] ${req.method} ${req.url}: ${(e as Error).stack ?? String(e)}\n`);
      if (!res.headersSent) sendJson(res, 500, { __type: 'InternalFailure', message: `stand-in: ${(e as Error).message}` }, 'application/json', { 'x-amzn-errortype': 'InternalFailure' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    stats: () => structuredClone(stats),
    resetStats: () => { stats = fresh(); },
    setExecuteCommandHandler: (fn) => { ecs.handler = fn; },
    setClusterHealth: (region, cluster, issues) => { eks.get(region, cluster).health = { issues }; },
    sso,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function fresh(): Stats {
  return { since: new Date().toISOString(), total: 0, operations: {}, byRegion: {} };
}

/** Unsigned SSO calls carry no scope; the SDK's own host (oidc.<region>.amazonaws.com) is gone behind an endpoint URL. */
function regionOfHost(inc: Incoming): string {
  return /\.([a-z]{2}-[a-z]+-\d)\./.exec(String(inc.req.headers.host ?? ''))?.[1] ?? 'global';
}
