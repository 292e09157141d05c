// Bounded concurrency for the adapters' fan-out (one DescribeNodegroup per node group, one DescribeServices per
// ten services...). Unbounded Promise.all over a large cluster would trip the API's throttling and then spend
// its time in retries; a small pool finishes sooner and leaves room for the other nodes the person expands.

/** The signal's reason as an Error (AbortSignal.abort() gives a DOMException named AbortError). */
export function abortReason(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  if (r instanceof Error) return r;
  const e = new Error(typeof r === 'string' ? r : 'The operation was aborted');
  e.name = 'AbortError';
  return e;
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortReason(signal);
}

/**
 * Runs `fn` over `items` with at most `limit` calls in flight and returns the results in the items' order.
 * The first failure rejects the whole call and no further item starts (those in flight finish on their own;
 * they share the caller's signal, so an abort cancels them too). An aborted signal stops new calls at once.
 */
export function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>, signal?: AbortSignal): Promise<R[]> {
  if (!(limit >= 1)) throw new RangeError(`mapLimit: limit must be at least 1, not ${limit}`);
  const results = new Array<R>(items.length);
  if (items.length === 0) {
    return signal?.aborted ? Promise.reject(abortReason(signal)) : Promise.resolve(results);
  }
  return new Promise<R[]>((resolve, reject) => {
    let nextIndex = 0;
    let running = 0;
    let done = 0;
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      signal?.removeEventListener('abort', onAbort);
      reject(e);
    };
    const onAbort = () => fail(abortReason(signal!));
    signal?.addEventListener('abort', onAbort, { once: true });
    const launch = () => {
      while (!failed && running < limit && nextIndex < items.length) {
        if (signal?.aborted) return fail(abortReason(signal));
        const i = nextIndex++;
        running++;
        let p: Promise<R>;
        try {
          p = fn(items[i]);
        } catch (e) {
          return fail(e);
        }
        p.then(
          (r) => {
            results[i] = r;
            running--;
            done++;
            if (done === items.length) {
              signal?.removeEventListener('abort', onAbort);
              if (!failed) resolve(results);
            } else {
              launch();
            }
          },
          fail,
        );
      }
    };
    launch();
  });
}

/** Consecutive slices of at most `size`: the batches of a describe call with an API maximum. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
