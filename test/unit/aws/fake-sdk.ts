// A stand-in for an AWS SDK v3 client, for unit tests of the adapters only: no local service can produce the
// cases these tests need on demand (a second page on the 101st item, a denied call for one operation, a request
// still in flight when the signal aborts, the exact number of calls in flight). It is a stub at the SDK layer:
// send() dispatches on the command's constructor name (DescribeClusterCommand -> "DescribeCluster"), records
// every call with its input, and honours the abortSignal the way the SDK's request handler does. The real SDK
// against the local AWS is covered in test/integration/aws-adapters.test.ts.

export type Handler = (input: Record<string, unknown>) => unknown | Promise<unknown>;

export interface Call {
  op: string;
  input: Record<string, unknown>;
}

export class FakeSdkClient {
  readonly calls: Call[] = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly handlers: Record<string, Handler>, private readonly delayMs = 0) {}

  /** Calls of one operation, in order. */
  of(op: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.op === op).map((c) => c.input);
  }

  async send(command: { input: Record<string, unknown> }, options?: { abortSignal?: AbortSignal }): Promise<unknown> {
    const op = command.constructor.name.replace(/Command$/, '');
    const signal = options?.abortSignal;
    if (signal?.aborted) throw abortError();
    this.calls.push({ op, input: command.input });
    const handler = this.handlers[op];
    if (!handler) throw new Error(`FakeSdkClient: no handler for ${op}`);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.delayMs > 0) await sleep(this.delayMs, signal);
      return await handler(command.input);
    } finally {
      this.inFlight--;
    }
  }

  /** Typed as whatever client the adapter wants. */
  as<T>(): T {
    return this as unknown as T;
  }
}

/** An SDK service error as the SDK throws it: a name and $metadata.httpStatusCode. */
export function serviceError(name: string, status: number, message = name): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status }, $fault: status >= 500 ? 'server' : 'client' });
}

function abortError(): Error {
  return Object.assign(new Error('Request aborted'), { name: 'AbortError' });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Serves `items` in pages of the requested size with numeric string tokens, as a paging AWS list does. */
export function paged<T>(items: T[], input: Record<string, unknown>, key: string, defaultMax = 100): Record<string, unknown> {
  const start = Number(input.nextToken ?? 0);
  const max = Number(input.maxResults ?? defaultMax);
  const end = Math.min(items.length, start + max);
  return { [key]: items.slice(start, end), nextToken: end < items.length ? String(end) : undefined };
}
