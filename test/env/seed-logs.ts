// Log events for the seeded tasks: what a web service or a batch job writes to stdout, the same every run (only
// the timestamps move with the clock, since CloudWatch Logs keeps no events from the distant past). Each stream has
// a startup, steady traffic, one WARN and one ERROR, so views, filters and paging all have something to show.

export type LogStyle = 'web' | 'job';

export const EVENTS_PER_STREAM = 30;
/** Seconds between events. */
const STEP = 5;

const ROUTES = [
  ['GET', '/health', 200, 1],
  ['GET', '/v1/orders?page=2', 200, 38],
  ['POST', '/v1/orders', 201, 112],
  ['GET', '/v1/orders/1042', 200, 17],
  ['PUT', '/v1/carts/77/items', 204, 24],
  ['GET', '/v1/catalog/sku-4411', 404, 6],
] as const;

/** Deterministic request ids: the same task's stream reads the same every time. */
const requestId = (n: number): string => (0x5eed0000 + n * 7919).toString(16);

function lines(style: LogStyle, container: string, version: string): string[] {
  const out = style === 'web'
    ? [`INFO ${container} ${version} starting (pid 1)`, 'INFO configuration loaded from SSM parameters', 'INFO connected to orders-db.internal:5432 (pool 10)', 'INFO listening on 0.0.0.0:8080']
    : [`INFO ${container} ${version} starting (pid 1)`, 'INFO configuration loaded from SSM parameters', 'INFO polling queue jobs-incoming (visibility 300s)'];
  for (let i = out.length; i < EVENTS_PER_STREAM - 1; i++) {
    const id = requestId(i);
    if (i === 11) out.push(`WARN upstream inventory answered in 1204ms (budget 800ms) request_id=${id}`);
    else if (i === 19) out.push(`ERROR ${style === 'web' ? 'POST /v1/orders 502' : 'batch 19 failed'}: upstream connection reset by peer request_id=${id}`);
    else if (style === 'web') {
      const [method, path, status, ms] = ROUTES[i % ROUTES.length];
      out.push(`INFO ${method} ${path} ${status} ${ms + (i % 4)}ms request_id=${id}`);
    } else out.push(`INFO batch ${i} processed 250 records in ${700 + (i % 5) * 31}ms request_id=${id}`);
  }
  out.push(style === 'web' ? 'INFO health check passed (3 targets)' : 'INFO queue drained, waiting for work');
  return out;
}

export function logEvents(style: LogStyle, container: string, version: string, startMs: number): { timestamp: number; message: string }[] {
  return lines(style, container, version).map((message, i) => ({ timestamp: startMs + i * STEP * 1000, message }));
}
