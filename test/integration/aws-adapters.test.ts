// The EKS and ECS adapters against the local AWS (moto behind the stand-in of test/env/standin),
// through clients made by AwsSession exactly as the explorer makes them: the default credential chain (the
// harness's test keys in the environment), AWS_ENDPOINT_URL, timeouts, retries and AwsError mapping.
// What moto lacks (access entries, add-ons, Pod Identity, DescribeClusterVersions, accessConfig / upgradePolicy,
// ECS exec flags) is served by the stand-in that test/env/aws.ts puts in front of it; a run without it fails.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeClustersCommand } from '@aws-sdk/client-ecs';
import { after, before, describe, it } from 'node:test';
import { AssociateAccessPolicyCommand, CreateAccessEntryCommand, DescribeClusterCommand, CreateAddonCommand, CreateClusterCommand, CreatePodIdentityAssociationCommand, EKSClient, ListClustersCommand } from '@aws-sdk/client-eks';
import { addAwsErrorMiddleware, clientDefaults } from '../../src/aws/client-config';
import { mapLimit } from '../../src/aws/concurrency';
import { describeEcsTasks, describeTaskDefinition, listEcsClusters, listEcsServices, listEcsTasks } from '../../src/aws/ecs';
import {
  describeClusterVersions, describeEksCluster, listAccessEntries, listAddons, listEksClusterNames, listFargateProfiles, listNodegroups, listPodIdentityAssociations, supportStatus,
} from '../../src/aws/eks';
import { isAwsError } from '../../src/aws/errors';
import { AwsSession } from '../../src/aws/session';
import type { Page } from '../../src/page';
import { requireEnv } from '../env/env';
import { ACCOUNT, ESTATE_EKS, seedAws, type Estate } from '../env/seed-aws';

/** Today, as the issue's figures assume: the day 1.34 leaves standard support. */
const TODAY = new Date('2026-12-02T12:00:00Z');
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

async function allPages<T>(load: (next?: string) => Promise<Page<T>>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let next: string | undefined;
  let pages = 0;
  do {
    const p = await load(next);
    items.push(...p.items);
    next = p.next;
    pages++;
  } while (next && pages < 50);
  return { items, pages };
}

describe('EKS and ECS adapters against the local AWS', { timeout: 300_000 }, () => {
  let endpoint: string;
  let estate: Estate;
  let session: AwsSession;

  before(async () => {
    requireEnv('AWS_ENDPOINT_URL');
    endpoint = requireEnv('WHARF_TEST_AWS_ENDPOINT');
    const standin = await fetch(`${endpoint}/__standin/health`, { signal: AbortSignal.timeout(5000) }).then((r) => r.ok, () => false);
    assert.ok(standin, `the stand-in of test/env/standin must answer at ${endpoint} (test/env/aws.ts starts it in front of moto)`);
    estate = await seedAws(endpoint);
    session = new AwsSession({});
  });
  after(() => session?.dispose());

  describe('EKS', () => {
    it('lists the names of each Region\'s clusters, names only', async () => {
      assert.deepEqual((await listEksClusterNames(session.eks('us-east-1'))).items.sort(), ['shop-prod', 'shop-staging']);
      assert.deepEqual(await listEksClusterNames(session.eks('eu-west-1')), { items: ['data-legacy'], next: undefined });
    });

    it('pages at 100 names: 101 clusters are two ListClusters calls', async () => {
      const region = 'ap-southeast-2';
      const eks = session.eks(region);
      const want = Array.from({ length: 101 }, (_, i) => `page-${String(i).padStart(3, '0')}`);
      const have = new Set((await eks.send(new ListClustersCommand({}))).clusters ?? []);
      await mapLimit(want.filter((n) => !have.has(n)), 4, (name) =>
        eks.send(new CreateClusterCommand({ name, roleArn: role('eks-cluster'), resourcesVpcConfig: { subnetIds: ['subnet-0aaa', 'subnet-0bbb'] } })));
      const { items, pages } = await allPages((next) => listEksClusterNames(eks, next));
      assert.equal(pages, 2);
      assert.deepEqual(items.sort(), want);
    });

    it('describes a cluster: version, ARN, endpoint, CA as PEM, logging, tags', async () => {
      for (const spec of ESTATE_EKS) {
        const c = await describeEksCluster(session.eks(spec.region), spec.region, spec.name);
        const seeded = estate.eks.find((e) => e.name === spec.name)!;
        assert.equal(c.name, spec.name);
        assert.equal(c.region, spec.region);
        assert.equal(c.arn, seeded.arn);
        assert.equal(c.version, spec.version);
        assert.equal(c.endpoint, seeded.endpoint);
        assert.equal(c.status, 'ACTIVE');
        // moto's CA is random base64, not a certificate: the mapping is what is checked here (a PEM in the unit test).
        const raw = (await session.eks(spec.region).send(new DescribeClusterCommand({ name: spec.name }))).cluster!;
        assert.equal(c.caPem, Buffer.from(raw.certificateAuthority!.data!, 'base64').toString('utf8'));
        assert.deepEqual(c.loggingEnabled?.sort(), ['api', 'audit', 'authenticator']);
        assert.equal(c.tags.team, 'platform');
        assert.equal(c.endpointPublicAccess, true);
        assert.match(c.createdAt ?? '', /^\d{4}-\d\d-\d\dT/);
      }
    });

    it('describes the access config, upgrade policy and health issues that moto drops', async () => {
      for (const spec of ESTATE_EKS) {
        const c = await describeEksCluster(session.eks(spec.region), spec.region, spec.name);
        assert.equal(c.authenticationMode, spec.authenticationMode, spec.name);
        assert.equal(c.supportType, spec.supportType, spec.name);
        assert.deepEqual(c.healthIssues.map((i) => [i.code, i.message]), spec.healthIssues.map((i) => [i.code, i.message]), spec.name);
        assert.ok(c.healthIssues.every((i) => i.resourceIds?.[0]?.startsWith('subnet-')));
      }
    });

    it('the seeded add-ons, access entries and Pod Identity associations of every cluster', async () => {
      for (const spec of ESTATE_EKS) {
        const eks = session.eks(spec.region);
        const addons = await listAddons(eks, spec.name, spec.version);
        assert.deepEqual(addons.map((a) => [a.name, a.version]).sort(), spec.addons.map((a) => [a.name, a.version]).sort(), spec.name);
        if (spec.authenticationMode === 'CONFIG_MAP') {
          // As EKS does: a CONFIG_MAP cluster has no access entries, and asking is an error that says so.
          await assert.rejects(listAccessEntries(eks, spec.name), /authentication mode must be set to one of \[API, API_AND_CONFIG_MAP\]/);
          assert.equal(spec.accessEntries.length, 0);
        } else {
          // EKS adds entries of its own (the cluster creator's, EC2_LINUX for the node role, FARGATE_LINUX for the pod
          // execution role): the seeded ones must be there as seeded.
          const all = await listAccessEntries(eks, spec.name);
          const entries = all.filter((e) => spec.accessEntries.some((x) => x.principalArn === e.principalArn));
          assert.ok(all.some((e) => e.type === 'EC2_LINUX' && e.principalArn === role('eks-node')), spec.name);
          assert.deepEqual(
            entries.map((e) => [e.principalArn, e.kubernetesGroups, e.policies?.map((p) => [p.policyArn, p.accessScope.type])]).sort(),
            spec.accessEntries.map((e) => [e.principalArn, e.kubernetesGroups ?? [], e.policies.map((p) => [p.policyArn, p.scope.type])]).sort(),
            spec.name,
          );
        }
        const assocs = await listPodIdentityAssociations(eks, spec.name);
        assert.deepEqual(assocs.map((a) => [a.namespace, a.serviceAccount, a.roleArn]).sort(), spec.podIdentity.map((p) => [p.namespace, p.serviceAccount, p.roleArn]).sort(), spec.name);
      }
      // data-legacy (1.28) runs vpc-cni v1.19.0: v1.20.4 is offered for 1.28; its coredns is the only one for 1.28.
      const legacy = Object.fromEntries((await listAddons(session.eks('eu-west-1'), 'data-legacy', '1.28')).map((a) => [a.name, a.newerVersion]));
      assert.equal(legacy['vpc-cni'], 'v1.20.4-eksbuild.2');
      assert.equal(legacy.coredns, undefined);
    });

    it('node groups and Fargate profiles as seeded', async () => {
      for (const spec of ESTATE_EKS) {
        const eks = session.eks(spec.region);
        const groups = await listNodegroups(eks, spec.name);
        assert.deepEqual(groups.map((g) => g.name).sort(), spec.nodegroups.map((n) => n.name).sort());
        for (const ng of spec.nodegroups) {
          const g = groups.find((x) => x.name === ng.name)!;
          assert.deepEqual([g.capacityType, g.instanceTypes, g.scaling.desired, g.scaling.min, g.scaling.max], [ng.capacityType, ng.instanceTypes, ng.desiredSize, 1, ng.desiredSize * 3]);
          assert.equal(g.amiType, 'AL2023_x86_64_STANDARD');
          assert.deepEqual(g.labels, { workload: ng.name });
          assert.deepEqual(g.taints, ng.capacityType === 'SPOT' ? [{ key: 'spot', value: 'true', effect: 'PREFER_NO_SCHEDULE' }] : []);
        }
        const profiles = await listFargateProfiles(eks, spec.name);
        assert.deepEqual(profiles.map((p) => p.name).sort(), spec.fargateProfiles.map((p) => p.name).sort());
        for (const fp of spec.fargateProfiles) {
          const p = profiles.find((x) => x.name === fp.name)!;
          assert.deepEqual(p.selectors, fp.selectors.map((s) => ({ namespace: s.namespace, labels: s.labels })));
          assert.equal(p.podExecutionRoleArn, role('eks-fargate-pod-execution'));
          assert.equal(p.subnets.length, 3);
        }
      }
    });

    it('support status: from DescribeClusterVersions where it answers, else from the cited table', async () => {
      const versions = await describeClusterVersions(session.eks('us-east-1'));
      assert.ok(versions && versions.length > 0, 'the stand-in serves DescribeClusterVersions');
      assert.ok(versions!.some((v) => v.version === '1.34' && v.endOfStandardSupport === '2026-12-02T00:00:00.000Z'));
      const source = 'api';
      const phases = Object.fromEntries(ESTATE_EKS.map((c) => [c.name, supportStatus(c.version, TODAY, versions)]));
      assert.deepEqual(Object.fromEntries(Object.entries(phases).map(([n, s]) => [n, [s.phase, s.source]])), {
        'shop-prod': ['extended', source], // 1.33: standard support ended 2026-07-29
        'shop-staging': ['extended', source], // 1.32: until 2027-03-23
        // 1.28 left extended support on 2025-11-26; an API that no longer lists it leaves it to the table.
        'data-legacy': ['unsupported', versions?.some((v) => v.version === '1.28') ? 'api' : 'table'],
      });
      assert.equal(phases['shop-prod'].nextVersion, '1.34');
    });

    it('an endpoint without DescribeClusterVersions (an HTML 404, as moto answers) gives undefined', async () => {
      const server = http.createServer((_req, res) => {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<!doctype html><title>404 Not Found</title><h1>Not Found</h1>');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const eks = new EKSClient({ ...clientDefaults('us-east-1', { maxAttempts: 1 }), endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
        addAwsErrorMiddleware(eks, 'eks', 'us-east-1');
        assert.equal(await describeClusterVersions(eks), undefined);
        assert.equal(supportStatus('1.34', TODAY, undefined).source, 'table');
      } finally {
        server.close();
      }
    });

    describe('served by the stand-in', () => {
      const region = 'ca-central-1'; // a Region of its own: aws-env.test.ts pages through us-west-2's clusters
      const cluster = 'adapters-it';
      let eks: EKSClient;
      const admin = role('platform-admin');
      const viewer = role('shop-viewer');

      before(async () => {
        eks = session.eks(region);
        const have = (await eks.send(new ListClustersCommand({}))).clusters ?? [];
        if (have.includes(cluster)) return;
        await eks.send(new CreateClusterCommand({ name: cluster, version: '1.31', roleArn: role('eks-cluster'), resourcesVpcConfig: { subnetIds: ['subnet-0aaa', 'subnet-0bbb'] }, accessConfig: { authenticationMode: 'API' } }));
        await eks.send(new CreateAddonCommand({ clusterName: cluster, addonName: 'vpc-cni', addonVersion: 'v1.19.0-eksbuild.1', serviceAccountRoleArn: role('vpc-cni') }));
        await eks.send(new CreateAddonCommand({ clusterName: cluster, addonName: 'coredns', addonVersion: 'v1.11.4-eksbuild.2' }));
        await eks.send(new CreateAccessEntryCommand({ clusterName: cluster, principalArn: admin }));
        await eks.send(new AssociateAccessPolicyCommand({ clusterName: cluster, principalArn: admin, policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy', accessScope: { type: 'cluster' } }));
        await eks.send(new CreateAccessEntryCommand({ clusterName: cluster, principalArn: viewer, kubernetesGroups: ['shop-viewers'] }));
        await eks.send(new AssociateAccessPolicyCommand({ clusterName: cluster, principalArn: viewer, policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy', accessScope: { type: 'namespace', namespaces: ['shop'] } }));
        await eks.send(new CreatePodIdentityAssociationCommand({ clusterName: cluster, namespace: 'shop', serviceAccount: 'orders', roleArn: role('orders-pod') }));
      });

      it('add-ons with a newer version compatible with Kubernetes 1.31', async () => {
        const addons = await listAddons(eks, cluster, '1.31');
        const byName = Object.fromEntries(addons.map((a) => [a.name, a]));
        assert.equal(byName['vpc-cni']?.version, 'v1.19.0-eksbuild.1');
        assert.equal(byName['vpc-cni']?.newerVersion, 'v1.20.4-eksbuild.2');
        assert.equal(byName['vpc-cni']?.serviceAccountRoleArn, role('vpc-cni'));
        // coredns v1.12 is for 1.33 and later only: nothing newer for 1.31.
        assert.equal(byName.coredns?.version, 'v1.11.4-eksbuild.2');
        assert.equal(byName.coredns?.newerVersion, undefined);
      });

      it('access entries with their groups and access policies with scopes', async () => {
        const entries = await listAccessEntries(eks, cluster);
        const a = entries.find((e) => e.principalArn === admin);
        const v = entries.find((e) => e.principalArn === viewer);
        assert.deepEqual(a?.policies, [{ policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy', accessScope: { type: 'cluster' } }]);
        assert.deepEqual(v?.kubernetesGroups, ['shop-viewers']);
        assert.deepEqual(v?.policies, [{ policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy', accessScope: { type: 'namespace', namespaces: ['shop'] } }]);
        assert.equal(v?.type, 'STANDARD');
      });

      it('Pod Identity associations with their roles', async () => {
        const assocs = await listPodIdentityAssociations(eks, cluster);
        assert.deepEqual(assocs.map((x) => [x.namespace, x.serviceAccount, x.roleArn]), [['shop', 'orders', role('orders-pod')]]);
        assert.match(assocs[0].associationId, /\S/);
      });
    });

    it('an aborted signal stops the listing with an abort, not a result', async () => {
      const ac = new AbortController();
      ac.abort();
      await assert.rejects(listNodegroups(session.eks('us-east-1'), 'shop-prod', ac.signal), (e: Error) => e.name === 'AbortError' || (isAwsError(e) && e.kind === 'aborted'));
    });
  });

  describe('ECS', () => {
    const cluster = (name: string) => estate.ecs.find((c) => c.name === name)!;

    it('clusters with their counts and capacity providers', async () => {
      const { items, pages } = await allPages((next) => listEcsClusters(session.ecs('us-east-1'), 'us-east-1', next));
      assert.equal(pages, 1);
      const checkout = items.find((c) => c.name === 'checkout')!;
      assert.equal(checkout.arn, cluster('checkout').arn);
      assert.equal(checkout.region, 'us-east-1');
      assert.equal(checkout.status, 'ACTIVE');
      // moto keeps its own counts (activeServicesCount stays 0): the adapter must carry DescribeClusters' answer as is.
      const raw = (await session.ecs('us-east-1').send(new DescribeClustersCommand({ clusters: [checkout.arn] }))).clusters![0];
      assert.deepEqual(
        [checkout.activeServices, checkout.runningTasks, checkout.pendingTasks, checkout.registeredContainerInstances, checkout.capacityProviders],
        [raw.activeServicesCount ?? 0, raw.runningTasksCount ?? 0, raw.pendingTasksCount ?? 0, raw.registeredContainerInstancesCount ?? 0, raw.capacityProviders ?? []],
      );
      const batch = (await listEcsClusters(session.ecs('eu-west-1'), 'eu-west-1')).items.find((c) => c.name === 'batch')!;
      assert.equal(batch.registeredContainerInstances, 2);
    });

    it('services: the rolling one with its deployment, the blue/green one with its task sets', async () => {
      const c = cluster('checkout');
      const { items } = await allPages((next) => listEcsServices(session.ecs(c.region), c.arn, next));
      assert.deepEqual(items.map((s) => s.name).sort(), ['checkout-api', 'checkout-payments']);
      const api = items.find((s) => s.name === 'checkout-api')!;
      assert.deepEqual([api.deploymentController, api.launchType, api.desired, api.running, api.clusterArn], ['ECS', 'FARGATE', 2, 2, c.arn]);
      assert.equal(api.deployments[0]?.status, 'PRIMARY');
      assert.match(api.taskDefinition ?? '', /checkout-api:1$/);
      const payments = items.find((s) => s.name === 'checkout-payments')!;
      assert.equal(payments.deploymentController, 'EXTERNAL');
      const sets = Object.fromEntries(payments.taskSets.map((t) => [t.externalId, t]));
      assert.deepEqual([sets.blue?.status, sets.blue?.scale], ['PRIMARY', { value: 100, unit: 'PERCENT' }]);
      assert.deepEqual([sets.green?.status, sets.green?.scale], ['ACTIVE', { value: 50, unit: 'PERCENT' }]);
      assert.deepEqual(payments.taskSets.map((t) => t.arn).sort(), c.services.find((s) => s.name === 'checkout-payments')!.taskSets.map((t) => t.arn).sort());
      // The seed enables ECS Exec; moto drops the flag and the stand-in puts it back.
      assert.equal(api.execEnabled, true);
    });

    it('a service\'s tasks (by group, as on AWS) and the standalone ones, with their containers', async () => {
      for (const c of estate.ecs) {
        const ecs = session.ecs(c.region);
        for (const s of c.services) {
          const { items } = await allPages((next) => listEcsTasks(ecs, c.arn, { serviceName: s.name }, next));
          assert.deepEqual(items.map((t) => t.arn).sort(), s.tasks.map((t) => t.arn).sort(), `${c.name}/${s.name}`);
          assert.ok(items.every((t) => t.serviceName === s.name && t.lastStatus === 'RUNNING' && t.launchType === c.launchType));
          if (s.name === 'checkout-api') {
            // ECS Exec on, and the containers' exec agent (managedAgents, which moto drops and the stand-in restores).
            assert.ok(items.every((t) => t.execEnabled && t.containers[0].execAgent?.status === 'RUNNING'), JSON.stringify(items.map((t) => t.containers)));
          }
        }
        const { items: standalone } = await allPages((next) => listEcsTasks(ecs, c.arn, { standalone: true }, next));
        assert.deepEqual(standalone.map((t) => t.arn), c.standaloneTasks.map((t) => t.arn), c.name);
        assert.ok(standalone.every((t) => t.serviceName === undefined && t.group?.startsWith('family:')));
        const [task] = standalone;
        assert.equal(task.id, c.standaloneTasks[0].id);
        assert.deepEqual(task.containers.map((x) => x.name), [c.standaloneTasks[0].container]);
        assert.equal(task.taskDefinitionArn, c.standaloneTasks[0].taskDefinitionArn);
      }
    });

    it('describeEcsTasks keeps the asked order; describeTaskDefinition gives a JSON document', async () => {
      const c = cluster('checkout');
      const arns = c.services.flatMap((s) => s.tasks).map((t) => t.arn).reverse();
      assert.deepEqual((await describeEcsTasks(session.ecs(c.region), c.arn, arns)).map((t) => t.arn), arns);
      const doc = await describeTaskDefinition(session.ecs(c.region), c.standaloneTasks[0].taskDefinitionArn);
      const defs = doc.containerDefinitions as { name: string; logConfiguration: { logDriver: string; options: Record<string, string> } }[];
      assert.equal(defs[0].logConfiguration.logDriver, 'awslogs');
      assert.equal(defs[0].logConfiguration.options['awslogs-group'], c.logGroup);
      // Dates (registeredAt, when the server sends one) are ISO strings: the document survives JSON as is.
      assert.ok(doc.registeredAt === undefined || typeof doc.registeredAt === 'string');
      assert.deepEqual(JSON.parse(JSON.stringify(doc)), doc);
    });
  });
});
