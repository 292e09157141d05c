import { scanObjects } from '/work/main/src/scan/scan';
import { objectAt } from '/work/main/test/bench/live-scan-objects.tmp';
const all = Array.from({ length: 5000 }, (_, i) => JSON.stringify(objectAt(i, '2026-12-01T00:00:00Z')[1]));
const client = {
  async list(kind: { kind: string }, opts: { continue?: string; limit?: number }) {
    const items = all.filter((o) => o.includes(`"kind":"${kind.kind}"`)).map((o) => JSON.parse(o));
    const start = Number(opts.continue ?? 0); const lim = opts.limit ?? 250;
    return { items: items.slice(start, start + lim), next: start + lim < items.length ? String(start + lim) : undefined, resourceVersion: '1' };
  },
  async get() { throw Object.assign(new Error('nf'), { failure: { kind: 'not-found' } }); },
};
(async () => {
  const t0 = performance.now(); const c0 = process.cpuUsage();
  let n = 0;
  const s = await scanObjects(client as never, { clusterName: 'c', namespace: 'bench-scan' }, (d) => (n += d.findings.length));
  console.log(s.linted, n, (performance.now() - t0).toFixed(0), 'ms', process.cpuUsage(c0).user / 1000, 'cpu ms', process.resourceUsage().maxRSS / 1024, 'MB');
})();
