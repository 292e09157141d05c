// Pod, node and workload summaries from realistic objects, built here as the API server returns them. Each pod case
// states what kubectl's STATUS column says for it and which icon the tree shows.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/kube/model';
import { nodeSummary, podSummary, workloadSummary } from '../../../src/kube/summaries';

const T = '2026-12-02T10:00:00Z';
const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

function pod(name: string, spec: Record<string, unknown>, status: Record<string, unknown>, meta: Partial<KubeObject['metadata']> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'shop',
      uid: `uid-${name}`,
      creationTimestamp: T,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'checkout-7d9f8', uid: 'rs', controller: true }],
      ...meta,
    },
    spec: { nodeName: 'ip-10-0-1-17.ec2.internal', containers: [{ name: 'app', image: `${ECR}/checkout:2.4.1`, ports: [{ containerPort: 8080, protocol: 'TCP' }] }], ...spec },
    status: { phase: 'Running', podIP: '10.0.1.23', ...status },
  };
}
const ready = (name = 'app') => ({ name, image: `${ECR}/checkout:2.4.1`, ready: true, started: true, restartCount: 0, state: { running: { startedAt: T } } });
const conditions = (readyStatus: 'True' | 'False', initialized = 'True') => [
  { type: 'Initialized', status: initialized },
  { type: 'Ready', status: readyStatus },
  { type: 'ContainersReady', status: readyStatus },
  { type: 'PodScheduled', status: 'True' },
];

interface Case {
  name: string;
  pod: KubeObject;
  state: string;
  status: string;
  ready: string;
  restarts: number;
  fargate?: boolean;
  extra?: (s: ReturnType<typeof podSummary>) => void;
}

const cases: Case[] = [
  {
    name: 'running and ready',
    pod: pod('checkout-1', {}, { conditions: conditions('True'), containerStatuses: [ready()] }),
    state: 'ready',
    status: 'Running',
    ready: '1/1',
    restarts: 0,
    extra: (s) => {
      assert.deepEqual(s.owner, { kind: 'ReplicaSet', name: 'checkout-7d9f8' });
      assert.equal(s.ip, '10.0.1.23');
      assert.deepEqual(s.containers[0].ports, [{ containerPort: 8080, protocol: 'TCP' }]);
    },
  },
  {
    name: 'CrashLoopBackOff after 8 restarts',
    pod: pod('recommendations-1', {}, {
      conditions: conditions('False'),
      containerStatuses: [{
        name: 'app', image: 'x', ready: false, restartCount: 8, started: false,
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' } },
        lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: T } },
      }],
    }),
    state: 'crashloop',
    status: 'CrashLoopBackOff',
    ready: '0/1',
    restarts: 8,
    extra: (s) => {
      assert.equal(s.containers[0].state, 'waiting');
      assert.equal(s.containers[0].reason, 'CrashLoopBackOff');
      assert.deepEqual(s.containers[0].lastTermination, { reason: 'Error', exitCode: 1, finishedAt: T });
    },
  },
  {
    name: 'running again after an OOMKilled restart',
    pod: pod('cart-1', {}, {
      conditions: conditions('True'),
      containerStatuses: [{ ...ready(), restartCount: 1, lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', finishedAt: T } } }],
    }),
    state: 'oomkilled',
    status: 'Running',
    ready: '1/1',
    restarts: 1,
  },
  {
    name: 'OOMKilled right now',
    pod: pod('cart-2', {}, {
      conditions: conditions('False'),
      containerStatuses: [{ name: 'app', image: 'x', ready: false, restartCount: 2, state: { terminated: { exitCode: 137, reason: 'OOMKilled', finishedAt: T } } }],
    }),
    state: 'oomkilled',
    status: 'OOMKilled',
    ready: '0/1',
    restarts: 2,
  },
  {
    name: 'ImagePullBackOff',
    pod: pod('storefront-1', {}, {
      phase: 'Pending',
      conditions: conditions('False'),
      containerStatuses: [{ name: 'app', image: `${ECR}/storefront:does-not-exist`, ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image' } } }],
    }),
    state: 'imagepull',
    status: 'ImagePullBackOff',
    ready: '0/1',
    restarts: 0,
  },
  {
    name: 'ErrImagePull in an init container',
    pod: pod('migrate-1', { initContainers: [{ name: 'migrate', image: `${ECR}/migrate:bad` }] }, {
      phase: 'Pending',
      conditions: conditions('False', 'False'),
      initContainerStatuses: [{ name: 'migrate', image: 'x', ready: false, restartCount: 0, state: { waiting: { reason: 'ErrImagePull' } } }],
      containerStatuses: [{ name: 'app', image: 'x', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
    }),
    state: 'imagepull',
    status: 'Init:ErrImagePull',
    ready: '0/1',
    restarts: 0,
  },
  {
    name: 'the second of two init containers running',
    pod: pod('orders-db-0', { initContainers: [{ name: 'wait-for-volume', image: 'busybox' }, { name: 'restore', image: 'postgres' }] }, {
      phase: 'Pending',
      conditions: conditions('False', 'False'),
      initContainerStatuses: [
        { name: 'wait-for-volume', image: 'busybox', ready: true, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: T } } },
        { name: 'restore', image: 'postgres', ready: false, restartCount: 0, started: true, state: { running: { startedAt: T } } },
      ],
      containerStatuses: [{ name: 'app', image: 'x', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
    }),
    state: 'pending',
    status: 'Init:1/2',
    ready: '0/1',
    restarts: 0,
    extra: (s) => {
      assert.deepEqual(s.containers.map((c) => `${c.kind}:${c.name}:${c.state}`), ['init:wait-for-volume:terminated', 'init:restore:running', 'container:app:waiting']);
    },
  },
  {
    name: 'a sidecar (restartable init container) counts toward READY',
    pod: pod('api-1', { initContainers: [{ name: 'envoy', image: 'envoy', restartPolicy: 'Always' }] }, {
      conditions: conditions('True'),
      initContainerStatuses: [{ name: 'envoy', image: 'envoy', ready: true, started: true, restartCount: 1, state: { running: { startedAt: T } } }],
      containerStatuses: [ready()],
    }),
    state: 'ready',
    status: 'Running',
    ready: '2/2',
    restarts: 1,
  },
  {
    name: 'on Fargate (node name fargate-ip-...)',
    pod: pod('worker-1', { nodeName: 'fargate-ip-192-168-100-7.ec2.internal' }, { conditions: conditions('True'), containerStatuses: [ready()] }, { labels: { 'eks.amazonaws.com/fargate-profile': 'fp-default', app: 'worker' } }),
    state: 'ready',
    status: 'Running',
    ready: '1/1',
    restarts: 0,
    fargate: true,
  },
  {
    name: 'terminating',
    pod: pod('checkout-old', {}, { conditions: conditions('True'), containerStatuses: [ready()] }, { deletionTimestamp: T }),
    state: 'terminating',
    status: 'Terminating',
    ready: '1/1',
    restarts: 0,
  },
  {
    name: 'a completed Job pod',
    pod: pod('nightly-report-x7k2p', { restartPolicy: 'Never', containers: [{ name: 'report', image: `${ECR}/report:1.8.0` }] }, {
      phase: 'Succeeded',
      conditions: conditions('False'),
      containerStatuses: [{ name: 'report', image: 'x', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: T } } }],
    }, { ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'nightly-report', uid: 'j', controller: true }] }),
    state: 'completed',
    status: 'Completed',
    ready: '0/1',
    restarts: 0,
    extra: (s) => assert.deepEqual(s.owner, { kind: 'Job', name: 'nightly-report' }),
  },
  {
    name: 'a failed Job pod',
    pod: pod('nightly-report-fail', { containers: [{ name: 'report', image: 'x' }] }, {
      phase: 'Failed',
      containerStatuses: [{ name: 'report', image: 'x', ready: false, restartCount: 0, state: { terminated: { exitCode: 2, reason: 'Error', finishedAt: T } } }],
    }),
    state: 'failed',
    status: 'Error',
    ready: '0/1',
    restarts: 0,
  },
  {
    name: 'pending, not scheduled (bound to no node)',
    pod: pod('pending-1', { nodeName: undefined }, { phase: 'Pending', podIP: undefined, conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] }),
    state: 'pending',
    status: 'Pending',
    ready: '0/1',
    restarts: 0,
  },
  {
    name: 'a missing Secret (CreateContainerConfigError)',
    pod: pod('checkout-cfg', {}, { phase: 'Pending', containerStatuses: [{ name: 'app', image: 'x', ready: false, restartCount: 0, state: { waiting: { reason: 'CreateContainerConfigError', message: 'secret "db" not found' } } }] }),
    state: 'failed',
    status: 'CreateContainerConfigError',
    ready: '0/1',
    restarts: 0,
  },
];

describe('podSummary', () => {
  for (const c of cases) {
    it(c.name, () => {
      const s = podSummary(c.pod);
      assert.equal(s.state, c.state, 'icon state');
      assert.equal(s.status, c.status, 'STATUS');
      assert.equal(`${s.ready}/${s.total}`, c.ready, 'READY');
      assert.equal(s.restarts, c.restarts, 'RESTARTS');
      assert.equal(s.fargate, c.fargate ?? false, 'fargate');
      c.extra?.(s);
    });
  }

  it('marks a pod on a node labelled compute-type fargate when the caller knows the node', () => {
    const p = pod('x', { nodeName: 'ip-192-168-1-1.ec2.internal' }, { containerStatuses: [ready()] });
    assert.equal(podSummary(p).fargate, false);
    assert.equal(podSummary(p, new Set(['ip-192-168-1-1.ec2.internal'])).fargate, true);
  });

  it('lists ephemeral (debug) containers', () => {
    const p = pod('x', { ephemeralContainers: [{ name: 'debugger-abc', image: 'busybox' }] }, {
      containerStatuses: [ready()],
      ephemeralContainerStatuses: [{ name: 'debugger-abc', image: 'busybox', ready: false, restartCount: 0, state: { running: { startedAt: T } } }],
    });
    assert.deepEqual(podSummary(p).containers.map((c) => `${c.kind}:${c.name}:${c.state}`), ['container:app:running', 'ephemeral:debugger-abc:running']);
  });
});

describe('nodeSummary', () => {
  const node = (name: string, labels: Record<string, string>, conds: [string, string][], extra: Record<string, unknown> = {}): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels, creationTimestamp: T },
    spec: extra,
    status: { conditions: conds.map(([type, status]) => ({ type, status })), nodeInfo: { kubeletVersion: 'v1.31.2-eks-94953ac' } },
  });

  it('a managed node group node: Ready, instance type, capacity, zone, node group', () => {
    const s = nodeSummary(node('ip-10-0-1-17.ec2.internal', {
      'node.kubernetes.io/instance-type': 'm6i.large', 'eks.amazonaws.com/capacityType': 'SPOT', 'topology.kubernetes.io/zone': 'us-east-1a', 'eks.amazonaws.com/nodegroup': 'general',
    }, [['MemoryPressure', 'False'], ['DiskPressure', 'False'], ['Ready', 'True']]));
    assert.deepEqual(s, {
      name: 'ip-10-0-1-17.ec2.internal', ready: true, pressure: [], instanceType: 'm6i.large', capacityType: 'SPOT', zone: 'us-east-1a', fargate: false,
      kubeletVersion: 'v1.31.2-eks-94953ac', nodegroup: 'general', unschedulable: false, createdAt: T,
    });
  });

  it('a Karpenter spot node under memory pressure, cordoned, NotReady', () => {
    const s = nodeSummary(node('ip-10-0-3-9.ec2.internal', { 'karpenter.sh/capacity-type': 'on-demand', 'karpenter.sh/nodepool': 'default' }, [['MemoryPressure', 'True'], ['Ready', 'False']], { unschedulable: true }));
    assert.equal(s.ready, false);
    assert.deepEqual(s.pressure, ['MemoryPressure']);
    assert.equal(s.capacityType, 'ON_DEMAND');
    assert.equal(s.nodegroup, 'default');
    assert.equal(s.unschedulable, true);
  });

  it('a Fargate node', () => {
    const s = nodeSummary(node('fargate-ip-192-168-100-7.ec2.internal', { 'eks.amazonaws.com/compute-type': 'fargate' }, [['Ready', 'True']]));
    assert.equal(s.fargate, true);
  });

  it('a node with no Ready condition yet', () => {
    assert.equal(nodeSummary(node('new', {}, [])).ready, undefined);
  });
});

describe('workloadSummary', () => {
  const w = (kind: string, spec: unknown, status: unknown): KubeObject => ({ apiVersion: 'apps/v1', kind, metadata: { name: 'x', namespace: 'shop' }, spec, status });
  const cases: [string, KubeObject, string, boolean][] = [
    ['Deployment 3/3', w('Deployment', { replicas: 3, selector: { matchLabels: { app: 'x' } } }, { readyReplicas: 3, availableReplicas: 3 }), '3/3', true],
    ['Deployment 1/3', w('Deployment', { replicas: 3 }, { readyReplicas: 1 }), '1/3', false],
    ['Deployment past its progress deadline', w('Deployment', { replicas: 1 }, { readyReplicas: 1, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] }), '1/1', false],
    ['Deployment scaled to 0', w('Deployment', { replicas: 0 }, {}), '0/0', true],
    ['StatefulSet 2/3', w('StatefulSet', { replicas: 3 }, { readyReplicas: 2 }), '2/3', false],
    ['ReplicaSet default replicas', w('ReplicaSet', {}, { readyReplicas: 1 }), '1/1', true],
    ['DaemonSet 2/2', w('DaemonSet', {}, { desiredNumberScheduled: 2, numberReady: 2 }), '2/2', true],
    ['Job complete', w('Job', { completions: 1 }, { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] }), '1/1', true],
    ['Job failed', w('Job', { completions: 3 }, { succeeded: 1, failed: 4, conditions: [{ type: 'Failed', status: 'True' }] }), '1/3', false],
    ['CronJob', w('CronJob', { schedule: '0 3 * * *' }, {}), '0 3 * * *', true],
    ['CronJob suspended', w('CronJob', { schedule: '*/5 * * * *', suspend: true }, {}), '*/5 * * * * (suspended)', true],
    ['CronJob with a run active', w('CronJob', { schedule: '@hourly' }, { active: [{ name: 'j' }] }), '@hourly (1 active)', true],
  ];
  for (const [name, obj, readiness, healthy] of cases) {
    it(name, () => {
      const s = workloadSummary(obj);
      assert.equal(s.readiness, readiness);
      assert.equal(s.healthy, healthy);
    });
  }
  it('carries the selector to find the pods', () => {
    assert.deepEqual(workloadSummary(cases[0][1]).selector, { app: 'x' });
  });
});
