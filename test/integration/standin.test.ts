// The local AWS stand-in (test/env/standin) through the real SDK clients and AWS_ENDPOINT_URL, as the extension
// reaches it: the EKS operations moto lacks with their paging and errors, the cluster fields moto drops, ECS exec
// state and ExecuteCommand, per-principal STS identities, SSO-OIDC and the SSO portal (not in moto at all: served by
// the stand-in, faithful to their shapes and errors), the per-operation call counts, and moto behind it all.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { before, describe, it } from 'node:test';
import { DescribeServicesCommand, DescribeTasksCommand, ECSClient, ExecuteCommandCommand, ListTasksCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import {
  AssociateAccessPolicyCommand, CreateAccessEntryCommand, CreateAddonCommand, CreatePodIdentityAssociationCommand, DescribeAccessEntryCommand, DescribeAddonCommand,
  DescribeAddonVersionsCommand, DescribeClusterCommand, DescribeClusterVersionsCommand, DescribeInsightCommand, EKSClient, ListAccessEntriesCommand, ListAddonsCommand,
  ListAssociatedAccessPoliciesCommand, ListClustersCommand, ListInsightsCommand, ListPodIdentityAssociationsCommand,
} from '@aws-sdk/client-eks';
import { GetRoleCredentialsCommand, ListAccountRolesCommand, ListAccountsCommand, LogoutCommand, SSOClient } from '@aws-sdk/client-sso';
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';
import { SEED_USER_ARN, SSO_ACCOUNTS, SSO_REGION, SSO_START_URL, TEST_CREDENTIALS } from '../env/aws';
import { ADMIN_PROFILE, SSO_PROFILE, SSO_SESSION, VIEWER_PROFILE, writeAwsProfiles } from '../env/aws-profiles';
import { requireEnv } from '../env/env';
import { PRINCIPALS, VIEWERS_GROUP } from '../env/kube';
import { ACCOUNT, ESTATE_EKS, seedAws, type Estate } from '../env/seed-aws';

const cfg = (region: string, credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) => ({
  region, maxAttempts: 1, ...(credentials ? { credentials } : {}), requestHandler: { requestTimeout: 15_000, connectionTimeout: 2_000, throwOnRequestTimeout: true },
});
const keys = (p: { accessKeyId: string; secretAccessKey: string }) => ({ accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey });
const POLICY = (n: string) => `arn:aws:eks::aws:cluster-access-policy/${n}`;

/** Asserts the SDK error's modelled name, HTTP status and (optionally) message. */
async function rejectsWith(p: Promise<unknown>, name: string, status: number, message?: RegExp): Promise<Record<string, unknown>> {
  let caught: (Error & { $metadata?: { httpStatusCode?: number } }) | undefined;
  await p.catch((e: Error) => { caught = e; });
  assert.ok(caught, `expected ${name}, got success`);
  assert.equal(caught.name, name, caught.message);
  assert.equal(caught.$metadata?.httpStatusCode, status);
  if (message) assert.match(caught.message, message);
  return caught as unknown as Record<string, unknown>;
}

const hook = async (path: string, body: unknown, method = 'POST') => {
  const r = await fetch(`${requireEnv('AWS_ENDPOINT_URL')}/__standin/${path}`, { method, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
};

describe('the AWS stand-in', { timeout: 180_000 }, () => {
  let estate: Estate;
  const spec = (name: string) => ESTATE_EKS.find((c) => c.name === name)!;
  const eks = (name: string) => new EKSClient(cfg(spec(name).region));

  before(async () => {
    requireEnv('AWS_ENDPOINT_URL');
    estate = await seedAws(requireEnv('WHARF_TEST_AWS_ENDPOINT'));
  });

  describe('EKS', () => {
    it('DescribeCluster carries the authentication mode, upgrade policy and health issues the seed gave (moto drops them)', async () => {
      for (const s of ESTATE_EKS) {
        const c = (await eks(s.name).send(new DescribeClusterCommand({ name: s.name }))).cluster!;
        assert.deepEqual(c.accessConfig, { authenticationMode: s.authenticationMode, bootstrapClusterCreatorAdminPermissions: true }, s.name);
        assert.deepEqual(c.upgradePolicy, { supportType: s.supportType });
        assert.deepEqual(c.health?.issues?.map((i) => i.code), s.healthIssues.map((i) => i.code));
      }
      const legacy = (await eks('data-legacy').send(new DescribeClusterCommand({ name: 'data-legacy' }))).cluster!;
      assert.match(legacy.health!.issues![0].resourceIds![0], /^subnet-/);
    });

    it('an unknown cluster is ResourceNotFoundException with EKS\'s message, for served and relayed operations alike', async () => {
      const api = eks('shop-prod');
      const e = await rejectsWith(api.send(new ListAccessEntriesCommand({ clusterName: 'nope' })), 'ResourceNotFoundException', 404, /No cluster found for name: nope\./);
      assert.equal(e.clusterName, 'nope');
      await rejectsWith(api.send(new ListAddonsCommand({ clusterName: 'nope' })), 'ResourceNotFoundException', 404);
      await rejectsWith(api.send(new ListPodIdentityAssociationsCommand({ clusterName: 'nope' })), 'ResourceNotFoundException', 404);
      await rejectsWith(api.send(new DescribeClusterCommand({ name: 'nope' })), 'ResourceNotFoundException', 404);
    });

    it('access entries: the creator\'s bootstrap entry, node and Fargate roles, the admin and the viewer, page by page', async () => {
      const api = eks('shop-prod');
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const p = await api.send(new ListAccessEntriesCommand({ clusterName: 'shop-prod', maxResults: 2, nextToken: token }));
        assert.ok(p.accessEntries!.length <= 2);
        seen.push(...p.accessEntries!);
        token = p.nextToken;
        pages++;
      } while (token && pages < 10);
      const roles = ['eks-node', 'eks-fargate-pod-execution'].map((r) => `arn:aws:iam::${ACCOUNT}:role/${r}`);
      assert.deepEqual(seen.sort(), [SEED_USER_ARN, PRINCIPALS.admin.arn, PRINCIPALS.viewer.arn, ...roles].sort());
      assert.equal(pages, 3);
      const viewer = (await api.send(new DescribeAccessEntryCommand({ clusterName: 'shop-prod', principalArn: PRINCIPALS.viewer.arn }))).accessEntry!;
      assert.deepEqual(viewer.kubernetesGroups, [VIEWERS_GROUP]);
      assert.equal(viewer.type, 'STANDARD');
      assert.equal(viewer.username, PRINCIPALS.viewer.arn);
      assert.match(viewer.accessEntryArn!, /^arn:aws:eks:us-east-1:123456789012:access-entry\/shop-prod\/user\/123456789012\/wharf-viewer\//);
      assert.ok(viewer.createdAt instanceof Date);
      const node = (await api.send(new DescribeAccessEntryCommand({ clusterName: 'shop-prod', principalArn: roles[0] }))).accessEntry!;
      assert.deepEqual([node.type, node.username], ['EC2_LINUX', 'system:node:{{EC2PrivateDNSName}}']);
      const onlyAdmins = await api.send(new ListAccessEntriesCommand({ clusterName: 'shop-prod', associatedPolicyArn: POLICY('AmazonEKSClusterAdminPolicy') }));
      assert.deepEqual(onlyAdmins.accessEntries!.sort(), [SEED_USER_ARN, PRINCIPALS.admin.arn].sort());
    });

    it('associated access policies name the policy and its scope', async () => {
      const api = eks('shop-staging');
      const viewer = await api.send(new ListAssociatedAccessPoliciesCommand({ clusterName: 'shop-staging', principalArn: PRINCIPALS.viewer.arn }));
      assert.equal(viewer.clusterName, 'shop-staging');
      assert.equal(viewer.principalArn, PRINCIPALS.viewer.arn);
      assert.deepEqual(viewer.associatedAccessPolicies!.map((p) => [p.policyArn, p.accessScope]), [[POLICY('AmazonEKSViewPolicy'), { type: 'cluster', namespaces: [] }]]);
      assert.ok(viewer.associatedAccessPolicies![0].associatedAt instanceof Date);
      // A namespace-scoped association, and the validation of a scope.
      const role = `arn:aws:iam::${ACCOUNT}:role/standin-ns-editor`;
      await api.send(new CreateAccessEntryCommand({ clusterName: 'shop-staging', principalArn: role })).catch((e: Error) => assert.equal(e.name, 'ResourceInUseException'));
      const r = await api.send(new AssociateAccessPolicyCommand({ clusterName: 'shop-staging', principalArn: role, policyArn: POLICY('AmazonEKSEditPolicy'), accessScope: { type: 'namespace', namespaces: ['shop'] } }));
      assert.deepEqual(r.associatedAccessPolicy?.accessScope, { type: 'namespace', namespaces: ['shop'] });
      const entry = (await api.send(new DescribeAccessEntryCommand({ clusterName: 'shop-staging', principalArn: role }))).accessEntry!;
      assert.equal(entry.username, `arn:aws:sts::${ACCOUNT}:assumed-role/standin-ns-editor/{{SessionName}}`);
      await rejectsWith(api.send(new AssociateAccessPolicyCommand({ clusterName: 'shop-staging', principalArn: role, policyArn: POLICY('AmazonEKSEditPolicy'), accessScope: { type: 'namespace' } })), 'InvalidParameterException', 400);
    });

    it('access entry errors: CONFIG_MAP clusters refuse, duplicates and STS session ARNs are refused, unknown principals are not found', async () => {
      await rejectsWith(eks('data-legacy').send(new ListAccessEntriesCommand({ clusterName: 'data-legacy' })), 'InvalidRequestException', 400, /authentication mode must be set to one of \[API, API_AND_CONFIG_MAP\]/);
      const api = eks('shop-prod');
      await rejectsWith(api.send(new CreateAccessEntryCommand({ clusterName: 'shop-prod', principalArn: PRINCIPALS.admin.arn })), 'ResourceInUseException', 409);
      await rejectsWith(api.send(new CreateAccessEntryCommand({ clusterName: 'shop-prod', principalArn: `arn:aws:sts::${ACCOUNT}:assumed-role/dev/alice` })), 'InvalidParameterException', 400, /principalArn is invalid/);
      await rejectsWith(api.send(new DescribeAccessEntryCommand({ clusterName: 'shop-prod', principalArn: `arn:aws:iam::${ACCOUNT}:user/nobody` })), 'ResourceNotFoundException', 404);
      await rejectsWith(api.send(new ListAssociatedAccessPoliciesCommand({ clusterName: 'shop-prod', principalArn: `arn:aws:iam::${ACCOUNT}:user/nobody` })), 'ResourceNotFoundException', 404);
    });

    it('paging errors: maxResults out of range and a forged nextToken are InvalidParameterException', async () => {
      const api = eks('shop-prod');
      await rejectsWith(api.send(new ListAccessEntriesCommand({ clusterName: 'shop-prod', maxResults: 101 })), 'InvalidParameterException', 400);
      await rejectsWith(api.send(new ListAddonsCommand({ clusterName: 'shop-prod', nextToken: 'not-a-token' })), 'InvalidParameterException', 400);
    });

    it('add-ons: listed and described with their versions; one page at a time', async () => {
      const api = eks('shop-prod');
      const first = await api.send(new ListAddonsCommand({ clusterName: 'shop-prod', maxResults: 3 }));
      const rest = await api.send(new ListAddonsCommand({ clusterName: 'shop-prod', maxResults: 3, nextToken: first.nextToken }));
      assert.equal(rest.nextToken, undefined);
      assert.deepEqual([...first.addons!, ...rest.addons!].sort(), spec('shop-prod').addons.map((a) => a.name).sort());
      const kp = (await api.send(new DescribeAddonCommand({ clusterName: 'shop-prod', addonName: 'kube-proxy' }))).addon!;
      assert.deepEqual([kp.addonVersion, kp.status, kp.clusterName], ['v1.33.0-eksbuild.2', 'ACTIVE', 'shop-prod']);
      assert.deepEqual(kp.health, { issues: [] });
      assert.match(kp.addonArn!, /^arn:aws:eks:us-east-1:123456789012:addon\/shop-prod\/kube-proxy\//);
      await rejectsWith(api.send(new DescribeAddonCommand({ clusterName: 'shop-prod', addonName: 'aws-ebs-csi-driver' })), 'ResourceNotFoundException', 404, /No addon: aws-ebs-csi-driver found in cluster: shop-prod/);
      await rejectsWith(api.send(new CreateAddonCommand({ clusterName: 'shop-prod', addonName: 'coredns' })), 'ResourceInUseException', 409);
      await rejectsWith(api.send(new CreateAddonCommand({ clusterName: 'shop-prod', addonName: 'aws-ebs-csi-driver', addonVersion: 'v9.9.9-eksbuild.1' })), 'InvalidParameterException', 400, /not supported/);
    });

    it('DescribeAddonVersions: compatibilities per cluster version with the default marked, so "a newer version exists" can be computed', async () => {
      const api = eks('shop-prod');
      const r = await api.send(new DescribeAddonVersionsCommand({ kubernetesVersion: '1.33', addonName: 'kube-proxy' }));
      assert.equal(r.addons!.length, 1);
      const versions = r.addons![0].addonVersions!;
      assert.ok(versions.every((v) => v.compatibilities!.every((c) => c.clusterVersion === '1.33')));
      const def = versions.filter((v) => v.compatibilities!.some((c) => c.defaultVersion));
      assert.deepEqual(def.map((v) => v.addonVersion), ['v1.33.5-eksbuild.4']);
      assert.ok(versions.some((v) => v.addonVersion === 'v1.33.0-eksbuild.2'), 'the installed, older build is listed too');
      // All add-ons for a version, two per page.
      const names: string[] = [];
      let token: string | undefined;
      do {
        const p = await api.send(new DescribeAddonVersionsCommand({ kubernetesVersion: '1.28', maxResults: 2, nextToken: token }));
        names.push(...p.addons!.map((a) => a.addonName!));
        token = p.nextToken;
      } while (token);
      assert.deepEqual(names.sort(), ['aws-ebs-csi-driver', 'coredns', 'eks-pod-identity-agent', 'kube-proxy', 'vpc-cni']);
      const cni = (await api.send(new DescribeAddonVersionsCommand({ addonName: 'vpc-cni' }))).addons![0];
      assert.ok(cni.addonVersions![0].compatibilities!.length >= 8, 'no version filter: every cluster version');
    });

    it('insights: the 1.28 cluster fails upgrade readiness (deprecated APIs, add-ons, health); filters and DescribeInsight', async () => {
      const api = eks('data-legacy');
      const all = (await api.send(new ListInsightsCommand({ clusterName: 'data-legacy' }))).insights!;
      assert.ok(all.length >= 3);
      assert.ok(all.every((i) => i.category === 'UPGRADE_READINESS' && i.kubernetesVersion === '1.29' && i.lastRefreshTime instanceof Date));
      const failing = (await api.send(new ListInsightsCommand({ clusterName: 'data-legacy', filter: { statuses: ['ERROR'] } }))).insights!;
      assert.deepEqual(failing.map((i) => i.name).sort(), ['Cluster health issues', 'Deprecated APIs removed in Kubernetes v1.29', 'EKS add-on version compatibility']);
      const deprecated = failing.find((i) => i.name!.startsWith('Deprecated'))!;
      const d = (await api.send(new DescribeInsightCommand({ clusterName: 'data-legacy', id: deprecated.id! }))).insight!;
      assert.equal(d.categorySpecificSummary?.deprecationDetails?.[0].usage, '/apis/flowcontrol.apiserver.k8s.io/v1beta2/flowschemas');
      assert.ok(d.recommendation);
      const addons = (await api.send(new DescribeInsightCommand({ clusterName: 'data-legacy', id: failing.find((i) => i.name!.startsWith('EKS add-on'))!.id! }))).insight!;
      assert.deepEqual(addons.categorySpecificSummary?.addonCompatibilityDetails?.map((a) => a.name), ['coredns']);
      const prod = (await eks('shop-prod').send(new ListInsightsCommand({ clusterName: 'shop-prod', filter: { statuses: ['ERROR', 'WARNING'] } }))).insights!;
      assert.deepEqual(prod, []);
      await rejectsWith(api.send(new DescribeInsightCommand({ clusterName: 'data-legacy', id: '00000000-0000-0000-0000-000000000000' })), 'ResourceNotFoundException', 404);
    });

    it('Pod Identity associations: listed, filtered by namespace and service account, duplicates refused', async () => {
      const api = eks('shop-prod');
      const all = (await api.send(new ListPodIdentityAssociationsCommand({ clusterName: 'shop-prod' }))).associations!;
      assert.deepEqual(all.map((a) => `${a.namespace}/${a.serviceAccount}`).sort(), ['kube-system/aws-load-balancer-controller', 'shop/checkout']);
      assert.ok(all.every((a) => /^a-[a-z0-9]{17}$/.test(a.associationId!) && a.associationArn!.endsWith(`/shop-prod/${a.associationId}`)));
      const shop = (await api.send(new ListPodIdentityAssociationsCommand({ clusterName: 'shop-prod', namespace: 'shop', serviceAccount: 'checkout' }))).associations!;
      assert.equal(shop.length, 1);
      await rejectsWith(api.send(new CreatePodIdentityAssociationCommand({ clusterName: 'shop-prod', namespace: 'shop', serviceAccount: 'checkout', roleArn: `arn:aws:iam::${ACCOUNT}:role/x` })), 'ResourceInUseException', 409, /Association already exists/);
    });

    it('DescribeClusterVersions: the EKS calendar with support dates, the phase as of today, paging', async () => {
      const api = eks('shop-prod');
      const all = (await api.send(new DescribeClusterVersionsCommand({ includeAll: true }))).clusterVersions!;
      assert.deepEqual(all.map((v) => v.clusterVersion), ['1.35', '1.34', '1.33', '1.32', '1.31', '1.30', '1.29', '1.28']);
      const v134 = all.find((v) => v.clusterVersion === '1.34')!;
      assert.equal(v134.endOfStandardSupportDate?.toISOString().slice(0, 10), '2026-12-02');
      assert.equal(v134.endOfExtendedSupportDate?.toISOString().slice(0, 10), '2027-12-02');
      const v128 = all.find((v) => v.clusterVersion === '1.28')!;
      assert.equal(v128.endOfStandardSupportDate?.toISOString().slice(0, 10), '2024-11-26');
      const phase = (end: Date, ext: Date) => (Date.now() < end.getTime() ? 'STANDARD_SUPPORT' : Date.now() < ext.getTime() ? 'EXTENDED_SUPPORT' : 'UNSUPPORTED');
      for (const v of all) assert.equal(v.versionStatus, phase(v.endOfStandardSupportDate!, v.endOfExtendedSupportDate!), v.clusterVersion);
      assert.equal(all.filter((v) => v.defaultVersion).length, 1);
      // Without includeAll, only versions still supported.
      const supported = (await api.send(new DescribeClusterVersionsCommand({}))).clusterVersions!;
      assert.ok(supported.every((v) => v.versionStatus !== 'UNSUPPORTED'));
      const one = await api.send(new DescribeClusterVersionsCommand({ clusterVersions: ['1.28'] }));
      assert.deepEqual(one.clusterVersions!.map((v) => v.clusterVersion), ['1.28']);
      const p1 = await api.send(new DescribeClusterVersionsCommand({ includeAll: true, maxResults: 5 }));
      const p2 = await api.send(new DescribeClusterVersionsCommand({ includeAll: true, maxResults: 5, nextToken: p1.nextToken }));
      assert.deepEqual([p1.clusterVersions!.length, p2.clusterVersions!.length, p2.nextToken], [5, 3, undefined]);
    });
  });

  describe('ECS', () => {
    const checkout = () => estate.ecs.find((c) => c.name === 'checkout')!;
    const ecs = () => new ECSClient(cfg('us-east-1'));

    it('services and tasks keep enableExecuteCommand; exec-enabled tasks report the ExecuteCommandAgent', async () => {
      const c = checkout();
      const svcs = (await ecs().send(new DescribeServicesCommand({ cluster: c.name, services: c.services.map((s) => s.name) }))).services!;
      assert.deepEqual(svcs.map((s) => [s.serviceName, s.enableExecuteCommand]), c.services.map((s) => [s.name, s.execEnabled]));
      assert.deepEqual(c.services.map((s) => s.execEnabled), [true, false]);
      const api = c.services.find((s) => s.name === 'checkout-api')!;
      const tasks = (await ecs().send(new DescribeTasksCommand({ cluster: c.name, tasks: [...api.tasks, ...c.standaloneTasks].map((t) => t.arn) }))).tasks!;
      for (const t of tasks) {
        const on = api.tasks.some((x) => x.arn === t.taskArn);
        assert.equal(t.enableExecuteCommand, on, t.taskArn);
        assert.deepEqual(t.containers!.map((x) => x.managedAgents?.map((a) => [a.name, a.lastStatus])), t.containers!.map(() => (on ? [['ExecuteCommandAgent', 'RUNNING']] : undefined)));
        // Fargate's runtime id form, which ECS Exec's SSM target is built from; stable across calls.
        const id = t.taskArn!.split('/').pop()!;
        assert.ok(t.containers!.every((x) => new RegExp(`^${id}-\\d{10}$`).test(x.runtimeId ?? '')), JSON.stringify(t.containers!.map((x) => x.runtimeId)));
      }
      const again = (await ecs().send(new DescribeTasksCommand({ cluster: c.name, tasks: [api.tasks[0].arn] }))).tasks![0];
      assert.equal(again.containers![0].runtimeId, tasks.find((t) => t.taskArn === api.tasks[0].arn)!.containers![0].runtimeId);
    });

    it('ListTasks pages with maxResults / nextToken and filters by serviceName (moto does neither)', async () => {
      const c = checkout();
      const all = [...c.services.flatMap((s) => s.tasks), ...c.standaloneTasks].map((t) => t.arn);
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const p = await ecs().send(new ListTasksCommand({ cluster: c.name, maxResults: 2, nextToken: token }));
        assert.ok(p.taskArns!.length <= 2);
        seen.push(...p.taskArns!);
        token = p.nextToken;
        pages++;
      } while (token && pages < 10);
      assert.deepEqual(seen.sort(), [...all].sort());
      assert.equal(pages, Math.ceil(all.length / 2));
      const api = c.services.find((s) => s.name === 'checkout-api')!;
      const mine = (await ecs().send(new ListTasksCommand({ cluster: c.name, serviceName: api.name }))).taskArns!;
      assert.deepEqual(mine.sort(), api.tasks.map((t) => t.arn).sort());
      await rejectsWith(ecs().send(new ListTasksCommand({ cluster: c.name, nextToken: 'forged' })), 'InvalidParameterException', 400);
    });

    it('UpdateService turns exec on and off', async () => {
      const c = checkout();
      const name = 'checkout-payments';
      const on = (await ecs().send(new UpdateServiceCommand({ cluster: c.name, service: name, enableExecuteCommand: true }))).service!;
      assert.equal(on.enableExecuteCommand, true);
      assert.equal((await ecs().send(new DescribeServicesCommand({ cluster: c.name, services: [name] }))).services![0].enableExecuteCommand, true);
      await ecs().send(new UpdateServiceCommand({ cluster: c.name, service: name, enableExecuteCommand: false }));
      assert.equal((await ecs().send(new DescribeServicesCommand({ cluster: c.name, services: [name] }))).services![0].enableExecuteCommand, false);
    });

    it('ExecuteCommand: refused where exec is off; the stack\'s SSM agent answers, or a handler plugged in over HTTP', async () => {
      const c = checkout();
      const execTask = c.services.find((s) => s.name === 'checkout-api')!.tasks[0];
      const plain = c.standaloneTasks[0];
      const run = (task: string, container: string, interactive = true) => ecs().send(new ExecuteCommandCommand({ cluster: c.name, task, container, command: '/bin/sh', interactive }));
      await rejectsWith(run(plain.arn, plain.container), 'InvalidParameterException', 400, /execute command was not enabled/);
      await rejectsWith(run(execTask.arn, execTask.container, false), 'InvalidParameterException', 400, /Interactive is the only mode/);
      // The stack plugs in the test environment's SSM agent (test/env/ssm-agent.ts): a data channel on loopback.
      const agent = await run(execTask.arn, execTask.container);
      assert.match(agent.session?.streamUrl ?? '', /^ws:\/\/127\.0\.0\.1:\d+\/v1\/data-channel\//);
      // A handler in this process, plugged in over HTTP, as the ECS Exec tests will do.
      const seen: Record<string, unknown>[] = [];
      const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (b: Buffer) => chunks.push(b));
        req.on('end', () => {
          seen.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
          res.end(JSON.stringify({ sessionId: 'ecs-execute-command-0123456789abcdef0', streamUrl: 'wss://ssmmessages.us-east-1.amazonaws.com/v1/data-channel/ecs-execute-command-0123456789abcdef0', tokenValue: 'test-token' }));
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        assert.equal((await hook('ecs/execute-command-handler', { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })).status, 200);
        const out = await run(execTask.arn, execTask.container);
        assert.equal(out.session?.sessionId, 'ecs-execute-command-0123456789abcdef0');
        assert.deepEqual([out.taskArn, out.containerName, out.interactive, out.clusterArn], [execTask.arn, execTask.container, true, c.arn]);
        assert.equal((seen[0].task as { taskArn: string }).taskArn, execTask.arn);
        assert.equal((seen[0].container as { name: string }).name, execTask.container);
        assert.match((seen[0].container as { runtimeId: string }).runtimeId, new RegExp(`^${execTask.id}-\\d{10}$`));
      } finally {
        await hook('ecs/execute-command-handler', {}, 'DELETE');
        server.close();
      }
      // DELETE restores the stack's own handler.
      assert.match((await run(execTask.arn, execTask.container)).session?.streamUrl ?? '', /^ws:\/\/127\.0\.0\.1:/);
    });
  });

  describe('STS', () => {
    it('GetCallerIdentity names each harness principal by its access key', async () => {
      const who = async (k?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) => new STSClient(cfg('us-east-1', k)).send(new GetCallerIdentityCommand({}));
      const admin = await who(keys(PRINCIPALS.admin));
      const viewer = await who(keys(PRINCIPALS.viewer));
      const seed = await who({ accessKeyId: TEST_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: TEST_CREDENTIALS.AWS_SECRET_ACCESS_KEY });
      assert.deepEqual([admin.Arn, viewer.Arn, seed.Arn], [PRINCIPALS.admin.arn, PRINCIPALS.viewer.arn, SEED_USER_ARN]);
      assert.ok([admin, viewer, seed].every((x) => x.Account === ACCOUNT && /^AIDA[A-Z2-7]{17}$/.test(x.UserId!)));
      assert.notEqual(admin.UserId, viewer.UserId);
      assert.equal((await who(keys(PRINCIPALS.admin))).UserId, admin.UserId, 'stable');
    });

    it('AssumeRole goes to moto, and its session keys are moto\'s assumed-role identity', async () => {
      const sts = new STSClient(cfg('us-east-1', keys(PRINCIPALS.admin)));
      const r = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/deployer`, RoleSessionName: 'wharf-test' }));
      const c = r.Credentials!;
      const id = await new STSClient(cfg('us-east-1', { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! })).send(new GetCallerIdentityCommand({}));
      assert.equal(id.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/wharf-test`);
    });
  });

  describe('SSO (not in moto: served by the stand-in, with the shapes and errors of SSO-OIDC and the portal)', () => {
    const oidc = () => new SSOOIDCClient(cfg('us-east-1'));
    const portal = () => new SSOClient(cfg('us-east-1'));

    async function signIn(scopes?: string[]) {
      const reg = await oidc().send(new RegisterClientCommand({ clientName: 'wharf-test', clientType: 'public', scopes }));
      const dev = await oidc().send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: SSO_START_URL }));
      const poll = () => oidc().send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: dev.deviceCode }));
      return { reg, dev, poll };
    }

    it('device flow: pending, slow down when polled too fast, approved, then a token', async () => {
      const { reg, dev, poll } = await signIn(['sso:account:access']);
      assert.ok(reg.clientSecretExpiresAt! > Date.now() / 1000);
      assert.match(dev.userCode!, /^[A-Z]{4}-[A-Z]{4}$/);
      assert.equal(dev.interval, 1);
      assert.equal(dev.verificationUriComplete, `${dev.verificationUri}?user_code=${dev.userCode}`);
      const pending = await rejectsWith(poll(), 'AuthorizationPendingException', 400);
      assert.equal(pending.error, 'authorization_pending');
      const slow = await rejectsWith(poll(), 'SlowDownException', 400);
      assert.equal(slow.error, 'slow_down');
      // The verification page a browser would open.
      const page = await fetch(dev.verificationUriComplete!).then((r) => r.text());
      assert.ok(page.includes(dev.userCode!));
      assert.equal((await hook('sso/approve', { userCode: dev.userCode })).status, 200);
      const token = await poll();
      assert.equal(token.tokenType, 'Bearer');
      assert.ok(token.accessToken && token.refreshToken && token.expiresIn! > 3600);
      // The device code is spent.
      await rejectsWith(poll(), 'InvalidGrantException', 400);
      const refreshed = await oidc().send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: 'refresh_token', refreshToken: token.refreshToken }));
      assert.ok(refreshed.accessToken && refreshed.accessToken !== token.accessToken);
    });

    it('OIDC errors: an unknown client, an expired device code, a denied request', async () => {
      await rejectsWith(oidc().send(new StartDeviceAuthorizationCommand({ clientId: 'nope', clientSecret: 'nope', startUrl: SSO_START_URL })), 'InvalidClientException', 401);
      const a = await signIn();
      await hook('sso/expire', { userCode: a.dev.userCode });
      const expired = await rejectsWith(a.poll(), 'ExpiredTokenException', 400);
      assert.equal(expired.error, 'expired_token');
      const b = await signIn();
      await hook('sso/deny', { userCode: b.dev.userCode });
      await rejectsWith(b.poll(), 'AccessDeniedException', 400);
    });

    it('the portal lists accounts and roles and hands out credentials that STS maps to the principals; a bad or expired token is Unauthorized', async () => {
      const { dev, poll } = await signIn();
      await hook('sso/approve', { userCode: dev.userCode });
      const { accessToken } = await poll();
      const accounts = (await portal().send(new ListAccountsCommand({ accessToken }))).accountList!;
      assert.deepEqual(accounts.map((a) => a.accountId), SSO_ACCOUNTS.map((a) => a.accountId));
      const p1 = await portal().send(new ListAccountsCommand({ accessToken, maxResults: 1 }));
      const p2 = await portal().send(new ListAccountsCommand({ accessToken, maxResults: 1, nextToken: p1.nextToken }));
      assert.deepEqual([...p1.accountList!, ...p2.accountList!].map((a) => a.accountName), ['wharf-demo', 'wharf-sandbox']);
      const roles = (await portal().send(new ListAccountRolesCommand({ accessToken, accountId: ACCOUNT }))).roleList!;
      assert.deepEqual(roles.map((r) => r.roleName), ['AdministratorAccess', 'ReadOnlyAccess']);
      const creds = (await portal().send(new GetRoleCredentialsCommand({ accessToken, accountId: ACCOUNT, roleName: 'ReadOnlyAccess' }))).roleCredentials!;
      assert.ok(creds.sessionToken && creds.expiration! > Date.now());
      const id = await new STSClient(cfg('us-east-1', { accessKeyId: creds.accessKeyId!, secretAccessKey: creds.secretAccessKey!, sessionToken: creds.sessionToken })).send(new GetCallerIdentityCommand({}));
      assert.equal(id.Arn, PRINCIPALS.viewer.arn);
      const forbidden = await portal().send(new GetRoleCredentialsCommand({ accessToken, accountId: ACCOUNT, roleName: 'NotMine' })).catch((e: Error & { $metadata: { httpStatusCode: number } }) => e);
      assert.deepEqual([(forbidden as Error).name, (forbidden as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode], ['ForbiddenException', 403]);
      await rejectsWith(portal().send(new ListAccountsCommand({ accessToken: 'forged' })), 'UnauthorizedException', 401);
      await portal().send(new LogoutCommand({ accessToken }));
      await rejectsWith(portal().send(new ListAccountsCommand({ accessToken })), 'UnauthorizedException', 401);
      // Expiry: every token issued so far lapses at once.
      const again = await signIn();
      await hook('sso/approve', { userCode: again.dev.userCode });
      const t2 = (await again.poll()).accessToken;
      await portal().send(new ListAccountsCommand({ accessToken: t2 }));
      await hook('sso/expire', {});
      await rejectsWith(portal().send(new ListAccountsCommand({ accessToken: t2 })), 'UnauthorizedException', 401);
    });
  });

  describe('the profiles a VS Code under test gets (aws-profiles.ts), through the SDK\'s own credential providers', () => {
    it('wharf-admin and wharf-viewer are the two principals; wharf-sso resolves from the token cache that signing in writes', async () => {
      const home = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-standin-home-'));
      const files = writeAwsProfiles(path.join(home, 'aws'));
      const saved = { HOME: process.env.HOME, AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE: process.env.AWS_SHARED_CREDENTIALS_FILE };
      // Through the variables, as the demo's VS Code gets them: fromIni's own filepath options are not passed on to
      // the SSO provider it hands an sso-session profile to (credential-provider-ini 3.x), which would miss the profile.
      Object.assign(process.env, { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile });
      try {
        const who = (profile: string) => new STSClient({ ...cfg('us-east-1'), credentials: fromIni({ profile }) })
          .send(new GetCallerIdentityCommand({})).then((r) => r.Arn);
        assert.equal(await who(ADMIN_PROFILE), PRINCIPALS.admin.arn);
        assert.equal(await who(VIEWER_PROFILE), PRINCIPALS.viewer.arn);
        // Sign in as a person would (device flow), and write the cache entry where the AWS CLI writes it.
        const oidc = new SSOOIDCClient(cfg(SSO_REGION));
        const reg = await oidc.send(new RegisterClientCommand({ clientName: 'wharf-test', clientType: 'public', scopes: ['sso:account:access'] }));
        const dev = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: SSO_START_URL }));
        await hook('sso/approve', { userCode: dev.userCode });
        const t = await oidc.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: dev.deviceCode }));
        const cache = path.join(home, '.aws', 'sso', 'cache');
        fs.mkdirSync(cache, { recursive: true });
        fs.writeFileSync(path.join(cache, `${createHash('sha1').update(SSO_SESSION).digest('hex')}.json`), JSON.stringify({
          startUrl: SSO_START_URL, region: SSO_REGION, accessToken: t.accessToken, expiresAt: new Date(Date.now() + t.expiresIn! * 1000).toISOString(),
          clientId: reg.clientId, clientSecret: reg.clientSecret, registrationExpiresAt: new Date(reg.clientSecretExpiresAt! * 1000).toISOString(), refreshToken: t.refreshToken,
        }));
        process.env.HOME = home;
        assert.equal(await who(SSO_PROFILE), PRINCIPALS.admin.arn);
      } finally {
        Object.assign(process.env, saved);
        fs.rmSync(home, { recursive: true, force: true });
      }
    });
  });

  describe('stats and relaying', () => {
    it('counts calls per operation and Region, served and relayed alike, until reset', async () => {
      assert.equal((await hook('stats/reset', {})).status, 200);
      const api = eks('shop-prod');
      await api.send(new ListClustersCommand({ maxResults: 100 }));
      await api.send(new ListClustersCommand({ maxResults: 100 }));
      await api.send(new ListAddonsCommand({ clusterName: 'shop-prod' }));
      await new ECSClient(cfg('eu-west-1')).send(new DescribeServicesCommand({ cluster: 'batch', services: ['batch-worker'] }));
      await new STSClient(cfg('us-east-1')).send(new GetCallerIdentityCommand({}));
      const stats = (await fetch(`${requireEnv('AWS_ENDPOINT_URL')}/__standin/stats`).then((r) => r.json())) as { total: number; operations: Record<string, number>; byRegion: Record<string, Record<string, number>> };
      assert.deepEqual(stats.operations, { 'eks:ListClusters': 2, 'eks:ListAddons': 1, 'ecs:DescribeServices': 1, 'sts:GetCallerIdentity': 1 });
      assert.equal(stats.total, 5);
      assert.deepEqual(stats.byRegion['eu-west-1'], { 'ecs:DescribeServices': 1 });
    });

    it('moto\'s own operations still answer through the stand-in, and its /moto-api/ too', async () => {
      const names = (await eks('shop-prod').send(new ListClustersCommand({}))).clusters!;
      assert.ok(names.includes('shop-prod') && names.includes('shop-staging'));
      const r = await fetch(`${requireEnv('AWS_ENDPOINT_URL')}/moto-api/`);
      assert.equal(r.status, 200);
    });
  });
});
