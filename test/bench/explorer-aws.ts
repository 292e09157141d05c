// Expanding a Region with 500 EKS and 500 ECS clusters: how long until the first names show, and how many API
// calls each step costs, counted by the local AWS stand-in (GET /__standin/stats) and checked against the least the
// APIs allow: EKS ceil(n/100) ListClusters and DescribeCluster only for the clusters on screen; ECS ceil(n/100)
// ListClusters + ceil(n/100) DescribeClusters for every page.
//
//   npx tsx test/env/with-stack.ts aws -- npx tsx test/bench/explorer-aws.ts
//
// Env: BENCH_CLUSTERS (500), BENCH_RUNS (7), BENCH_VISIBLE (25: the clusters a sidebar shows, which the tree
// describes). The clusters come from seedScale (test/env/seed-scale.ts); making 500 EKS clusters in moto takes half a
// minute to minutes, so this is not part of test/bench/run.sh. ECS list calls page at 100 here as on AWS (the stand-in
// pages them; moto alone would not).
import * as assert from 'node:assert/strict';
import { mapLimit } from '../../src/aws/concurrency';
import { listEcsClusterArns, listEcsClusters } from '../../src/aws/ecs';
import { describeEksCluster, EKS_DESCRIBE_CONCURRENCY, listEksClusterNames } from '../../src/aws/eks';
import { AwsSession } from '../../src/aws/session';
import type { Page } from '../../src/page';
import { requireEnv } from '../env/env';
import { seedScale } from '../env/seed-scale';

const REGION = 'eu-west-2';
const N = Number(process.env.BENCH_CLUSTERS ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const VISIBLE = Number(process.env.BENCH_VISIBLE ?? 25);
const PAGES = Math.ceil(N / 100);

interface Stats {
  total: number;
  byRegion: Record<string, Record<string, number>>;
}

async function main(): Promise<void> {
  const endpoint = requireEnv('WHARF_TEST_AWS_ENDPOINT');
  const stats = async (): Promise<Record<string, number>> => ((await (await fetch(`${endpoint}/__standin/stats`)).json()) as Stats).byRegion[REGION] ?? {};
  const reset = async () => {
    const r = await fetch(`${endpoint}/__standin/stats/reset`, { method: 'POST' });
    if (!r.ok) throw new Error(`the stand-in's stats reset answered HTTP ${r.status}`);
  };

  const t0 = Date.now();
  const seeded = await seedScale(endpoint, REGION, { eks: N, ecs: N });
  console.log(`[bench] ${N} EKS and ${N} ECS clusters in ${REGION} (${seeded.created.eks} + ${seeded.created.ecs} made, ${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  // Timing: a warm session (the explorer keeps one per profile; credentials and connections already made), and a
  // cold one (the first expand after a profile switch: a new session, credential resolution, a new connection).
  const warm = new AwsSession({});
  await listEksClusterNames(warm.eks(REGION));
  await listEcsClusters(warm.ecs(REGION), REGION);
  const time = async (f: () => Promise<unknown>) => {
    const s = process.hrtime.bigint();
    await f();
    return Number(process.hrtime.bigint() - s) / 1e6;
  };
  const eksWarm: number[] = [];
  const ecsWarm: number[] = [];
  const ecsNames: number[] = [];
  const eksCold: number[] = [];
  const ecsCold: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    eksWarm.push(await time(() => listEksClusterNames(warm.eks(REGION))));
    ecsNames.push(await time(() => listEcsClusterArns(warm.ecs(REGION))));
    ecsWarm.push(await time(() => listEcsClusters(warm.ecs(REGION), REGION)));
    const cold = new AwsSession({});
    eksCold.push(await time(() => listEksClusterNames(cold.eks(REGION))));
    ecsCold.push(await time(() => listEcsClusters(cold.ecs(REGION), REGION)));
    cold.dispose();
  }

  // Calls per operation, each step from a reset counter.
  await reset();
  const first = await listEksClusterNames(warm.eks(REGION));
  const eksExpand = await stats();
  await reset();
  const eksAll = await allPages((next) => listEksClusterNames(warm.eks(REGION), next));
  const eksAllCalls = await stats();
  await reset();
  const shown = first.items.slice(0, VISIBLE);
  await mapLimit(shown, EKS_DESCRIBE_CONCURRENCY, (name) => describeEksCluster(warm.eks(REGION), REGION, name));
  const eksDescribe = await stats();
  await reset();
  const ecsFirst = await listEcsClusters(warm.ecs(REGION), REGION);
  const ecsExpand = await stats();
  await reset();
  const ecsAll = await allPages((next) => listEcsClusters(warm.ecs(REGION), REGION, next));
  const ecsAllCalls = await stats();
  warm.dispose();

  const ms = (xs: number[]) => `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)}, ${xs.length} runs)`;
  console.log(`[bench] EKS expand -> first ${first.items.length} names: warm ${ms(eksWarm)}; cold ${ms(eksCold)}`);
  console.log(`[bench] ECS expand -> first ${ecsFirst.items.length} names (ListClusters alone): warm ${ms(ecsNames)}`);
  console.log(`[bench] ECS expand -> first ${ecsFirst.items.length} clusters with counts: warm ${ms(ecsWarm)}; cold ${ms(ecsCold)}`);
  console.log(`[bench] EKS calls: expand ${fmt(eksExpand)}; all ${eksAll.pages} pages ${fmt(eksAllCalls)}; describe the ${shown.length} shown ${fmt(eksDescribe)}`);
  console.log(`[bench] ECS calls: expand ${fmt(ecsExpand)}; all ${ecsAll.pages} pages ${fmt(ecsAllCalls)}`);

  // The least the APIs allow.
  assert.deepEqual(eksExpand, { 'eks:ListClusters': 1 }, 'expanding EKS: one ListClusters, no describes');
  assert.equal(eksAll.items.length, N);
  assert.deepEqual(eksAllCalls, { 'eks:ListClusters': PAGES }, `all EKS names: ceil(${N}/100) = ${PAGES} ListClusters`);
  assert.deepEqual(eksDescribe, { 'eks:DescribeCluster': shown.length }, 'DescribeCluster only for the clusters shown');
  assert.deepEqual(ecsExpand, { 'ecs:ListClusters': 1, 'ecs:DescribeClusters': 1 }, 'expanding ECS: one ListClusters, one DescribeClusters');
  assert.equal(ecsAll.items.length, N);
  assert.deepEqual(ecsAllCalls, { 'ecs:ListClusters': PAGES, 'ecs:DescribeClusters': PAGES }, `all ECS clusters: ceil(${N}/100) = ${PAGES} of each`);
  console.log('[bench] call counts are the minimum the APIs allow');
}

async function allPages<T>(load: (next?: string) => Promise<Page<T>>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let next: string | undefined;
  let pages = 0;
  do {
    const p = await load(next);
    items.push(...p.items);
    next = p.next;
    pages++;
  } while (next);
  return { items, pages };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (o: Record<string, number>) => Object.entries(o).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';

main().then(() => process.exit(0), (e) => {
  console.error(`[bench] ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  process.exit(1);
});
