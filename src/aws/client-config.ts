// What every SDK client Wharf makes has in common: request and connection timeouts that throw (the SDK only warns
// about an exceeded requestTimeout unless told otherwise), bounded adaptive retries (backoff plus client-side rate
// limiting on throttling), and a middleware that turns any failure into an AwsError naming the service, operation,
// Region and endpoint. No `endpoint` is set: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE> and the config file's
// endpoint_url / services sections are resolved by the SDK itself.
import type { HandlerExecutionContext, MetadataBearer, MiddlewareStack } from '@smithy/types';
import { toAwsError, type AwsError, type AwsErrorWhere } from './errors';

export const REQUEST_TIMEOUT_MS = 30_000;
export const CONNECTION_TIMEOUT_MS = 5_000;
/** First try plus three retries: enough for throttling and a dropped connection, bounded for a person waiting. */
export const MAX_ATTEMPTS = 4;

export interface ClientDefaults {
  region: string;
  retryMode: 'adaptive';
  maxAttempts: number;
  requestHandler: { requestTimeout: number; connectionTimeout: number; throwOnRequestTimeout: true };
}

export function clientDefaults(region: string, overrides: Partial<Pick<ClientDefaults, 'maxAttempts'>> & { requestTimeout?: number } = {}): ClientDefaults {
  return {
    region,
    retryMode: 'adaptive',
    maxAttempts: overrides.maxAttempts ?? MAX_ATTEMPTS,
    requestHandler: { requestTimeout: overrides.requestTimeout ?? REQUEST_TIMEOUT_MS, connectionTimeout: CONNECTION_TIMEOUT_MS, throwOnRequestTimeout: true },
  };
}

/** The parts of an SDK client the middleware needs. */
export interface MiddlewareClient<I extends object = object, O extends MetadataBearer = MetadataBearer> {
  middlewareStack: MiddlewareStack<I, O>;
  config: { endpoint?: () => Promise<{ protocol: string; hostname: string; port?: number; path: string }> };
}

export const AWS_ERROR_MIDDLEWARE = 'wharfAwsErrorMiddleware';

/**
 * Rethrows every failure of `client.send` as an AwsError. Added at the top of the initialize step, so it wraps
 * everything: retries, endpoint resolution, credential resolution (an expired SSO sign-in fails here too),
 * signing and the HTTP exchange. `context` (optional extra fields, e.g. the sso-session) is asked only on failure;
 * `onError` sees every error thrown.
 */
export function addAwsErrorMiddleware<I extends object, O extends MetadataBearer>(
  client: MiddlewareClient<I, O>,
  service: string,
  region: string,
  context?: () => Promise<Partial<AwsErrorWhere>> | Partial<AwsErrorWhere>,
  onError?: (e: AwsError) => void,
): void {
  client.middlewareStack.add(
    (next, ctx: HandlerExecutionContext) => async (args) => {
      try {
        return await next(args);
      } catch (e) {
        const extra = context ? await Promise.resolve(context()).catch(() => ({})) : {};
        const err = toAwsError(e, { service, operation: operationOf(ctx.commandName), region, endpoint: await endpointOf(client, ctx), ...extra });
        onError?.(err);
        throw err;
      }
    },
    { step: 'initialize', priority: 'high', name: AWS_ERROR_MIDDLEWARE, override: true },
  );
}

/** "ListClustersCommand" -> "ListClusters". */
export function operationOf(commandName: string | undefined): string {
  return (commandName ?? 'Unknown').replace(/Command$/, '');
}

async function endpointOf<I extends object, O extends MetadataBearer>(client: MiddlewareClient<I, O>, ctx: HandlerExecutionContext): Promise<string | undefined> {
  // Resolved by the endpoint middleware (serialize step) when the request got that far.
  const url = ctx.endpointV2?.url;
  if (url) return url.origin !== 'null' ? `${url.protocol}//${url.host}` : url.href;
  try {
    const ep = await client.config.endpoint?.();
    if (ep) return `${ep.protocol.replace(/:?$/, ':')}//${ep.hostname}${ep.port ? `:${ep.port}` : ''}`;
  } catch {
    // No custom endpoint: the Region's default, which the message then describes in words.
  }
  return undefined;
}
