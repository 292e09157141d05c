// The 401/403 diagnosis as data: for each situation, what it must say and the exact fix it must offer.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EksAccessEntry } from '../../../src/aws/model';
import { diagnoseAuth, principalOf, withoutPath, type DiagnoseInput } from '../../../src/kube/diagnose';
import { failureFromStatus } from '../../../src/kube/errors';

const ROLE = 'arn:aws:iam::123456789012:role/Developer';
const SESSION = 'arn:aws:sts::123456789012:assumed-role/Developer/alice@example.com';
const cluster = { name: 'prod', region: 'eu-west-1', authenticationMode: 'API_AND_CONFIG_MAP' as const };
const caller = { arn: SESSION, principalArn: ROLE };
const P = 'arn:aws:eks::aws:cluster-access-policy/';

/** A 403 exactly as kube-apiserver words it. */
const forbidden = (verb: string, resource: string, ns?: string, user = SESSION) =>
  failureFromStatus(403, {
    kind: 'Status', status: 'Failure', reason: 'Forbidden', code: 403,
    message: `${resource} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "" ${ns ? `in the namespace "${ns}"` : 'at the cluster scope'}`,
  }, `GET /api/v1/${resource}`);
const unauthorized = failureFromStatus(401, { kind: 'Status', status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 }, 'GET /api/v1/namespaces');

const entry = (policies: EksAccessEntry['policies'], principalArn = ROLE, groups: string[] = []): EksAccessEntry => ({ principalArn, type: 'STANDARD', kubernetesGroups: groups, policies });
const admin = entry([{ policyArn: `${P}AmazonEKSClusterAdminPolicy`, accessScope: { type: 'cluster' } }], 'arn:aws:iam::123456789012:role/Admin');

interface Case {
  name: string;
  input: DiagnoseInput;
  title: RegExp;
  says: RegExp[];
  commands: string[];
}

const cases: Case[] = [
  {
    name: '403 listing pods, no access entry for the role: create the entry and associate the view policy in that namespace',
    input: { failure: forbidden('list', 'pods', 'shop'), cluster, caller, accessEntries: [admin] },
    title: /prod: not allowed to list pods in namespace shop/,
    says: [/alice@example\.com may not list pods in namespace shop \(403/, /signed in as arn:aws:sts::123456789012:assumed-role\/Developer\/alice@example\.com \(IAM principal arn:aws:iam::123456789012:role\/Developer\)/, /authentication mode: API_AND_CONFIG_MAP/, /No access entry exists for arn:aws:iam::123456789012:role\/Developer \(1 entries/],
    commands: [
      'aws eks create-access-entry --cluster-name prod --region eu-west-1 --principal-arn arn:aws:iam::123456789012:role/Developer',
      `aws eks associate-access-policy --cluster-name prod --region eu-west-1 --principal-arn arn:aws:iam::123456789012:role/Developer --policy-arn ${P}AmazonEKSViewPolicy --access-scope type=namespace,namespaces=shop`,
    ],
  },
  {
    name: '403 on secrets with a view entry: View excludes Secrets, AdminView includes them (cluster scope)',
    input: { failure: forbidden('list', 'secrets', 'shop'), cluster, caller, accessEntries: [entry([{ policyArn: `${P}AmazonEKSViewPolicy`, accessScope: { type: 'namespace', namespaces: ['shop'] } }])] },
    title: /not allowed to list secrets in namespace shop/,
    says: [/An access entry exists for arn:aws:iam::123456789012:role\/Developer: access policies: AmazonEKSViewPolicy \(namespaces shop\)/, /AmazonEKSViewPolicy does not include Secrets/, /Missing: AmazonEKSAdminViewPolicy cluster-wide on the access entry/],
    commands: [`aws eks associate-access-policy --cluster-name prod --region eu-west-1 --principal-arn arn:aws:iam::123456789012:role/Developer --policy-arn ${P}AmazonEKSAdminViewPolicy --access-scope type=cluster`],
  },
  {
    name: '403 on a write with a namespaced view entry: the edit policy in that namespace',
    input: { failure: forbidden('delete', 'pods', 'shop'), cluster, caller, accessEntries: [entry([{ policyArn: `${P}AmazonEKSViewPolicy`, accessScope: { type: 'cluster' } }])] },
    title: /not allowed to delete pods in namespace shop/,
    says: [/AmazonEKSViewPolicy \(cluster-wide\)/, /Missing: AmazonEKSEditPolicy in namespace shop/],
    commands: [`aws eks associate-access-policy --cluster-name prod --region eu-west-1 --principal-arn arn:aws:iam::123456789012:role/Developer --policy-arn ${P}AmazonEKSEditPolicy --access-scope type=namespace,namespaces=shop`],
  },
  {
    name: '403 listing nodes (cluster-scoped) with a namespace-scoped policy: the view policy at cluster scope',
    input: { failure: forbidden('list', 'nodes'), cluster, caller, accessEntries: [entry([{ policyArn: `${P}AmazonEKSViewPolicy`, accessScope: { type: 'namespace', namespaces: ['shop'] } }])] },
    title: /not allowed to list nodes at cluster scope/,
    says: [/Missing: AmazonEKSViewPolicy cluster-wide/],
    commands: [`aws eks associate-access-policy --cluster-name prod --region eu-west-1 --principal-arn arn:aws:iam::123456789012:role/Developer --policy-arn ${P}AmazonEKSViewPolicy --access-scope type=cluster`],
  },
  {
    name: '403 although a covering policy exists (entry ARN with a path): says the cause is elsewhere, no command',
    input: { failure: forbidden('list', 'pods', 'shop'), cluster, caller, accessEntries: [entry([{ policyArn: `${P}AmazonEKSEditPolicy`, accessScope: { type: 'namespace', namespaces: ['sh*'] } }], 'arn:aws:iam::123456789012:role/teams/Developer', ['devs'])] },
    title: /not allowed to list pods/,
    says: [/An access entry exists for arn:aws:iam::123456789012:role\/teams\/Developer/, /Kubernetes groups devs/, /already allow/],
    commands: [],
  },
  {
    name: '403 when access entries could not be read: says why, still gives the commands',
    input: { failure: forbidden('list', 'pods', 'shop'), cluster: { ...cluster, authenticationMode: 'API' }, caller, accessEntries: { error: 'AccessDenied: not authorized to perform eks:ListAccessEntries' } },
    title: /not allowed to list pods/,
    says: [/could not read the cluster's access entries: AccessDenied/, /authentication mode: API\./],
    commands: [
      'aws eks create-access-entry --cluster-name prod --region eu-west-1 --principal-arn arn:aws:iam::123456789012:role/Developer',
      `aws eks associate-access-policy --cluster-name prod --region eu-west-1 --principal-arn arn:aws:iam::123456789012:role/Developer --policy-arn ${P}AmazonEKSViewPolicy --access-scope type=namespace,namespaces=shop`,
    ],
  },
  {
    name: '403 on a CONFIG_MAP cluster: the aws-auth mapRoles entry, ARN without its path',
    input: { failure: forbidden('list', 'pods', 'shop'), cluster: { ...cluster, authenticationMode: 'CONFIG_MAP' }, caller: { arn: SESSION, principalArn: 'arn:aws:iam::123456789012:role/teams/Developer' } },
    title: /not allowed to list pods/,
    says: [/only through the aws-auth ConfigMap/, /adds arn:aws:iam::123456789012:role\/Developer to the aws-auth ConfigMap \(no path/],
    commands: [[
      '# kubectl edit configmap aws-auth -n kube-system, then add under data.mapRoles:',
      '- rolearn: arn:aws:iam::123456789012:role/Developer',
      '  username: Developer:{{SessionName}}',
      '  groups:',
      '    - wharf-viewers',
      '# and bind the group: kubectl create rolebinding wharf-viewers --clusterrole=view --group=wharf-viewers --namespace shop',
    ].join('\n')],
  },
  {
    name: '403 with no caller identity: the principal comes from the user the API server named',
    input: { failure: forbidden('get', 'configmaps', 'kube-system'), cluster },
    title: /not allowed to get configmaps in namespace kube-system/,
    says: [/its IAM principal is arn:aws:iam::123456789012:role\/Developer/],
    commands: [
      'aws eks create-access-entry --cluster-name prod --region eu-west-1 --principal-arn arn:aws:iam::123456789012:role/Developer',
      `aws eks associate-access-policy --cluster-name prod --region eu-west-1 --principal-arn arn:aws:iam::123456789012:role/Developer --policy-arn ${P}AmazonEKSViewPolicy --access-scope type=namespace,namespaces=kube-system`,
    ],
  },
  {
    name: '401 with no access entry: EKS answers 401 to an unmapped identity; create the entry',
    input: { failure: unauthorized, cluster, caller, accessEntries: [admin] },
    title: /prod: the cluster rejected the token for arn:aws:iam::123456789012:role\/Developer/,
    says: [/did not accept the EKS token Wharf signed, even after signing a new one/, /signed in as arn:aws:sts::123456789012:assumed-role\/Developer\/alice@example\.com/, /No access entry exists/, /clock/],
    commands: [
      'aws eks create-access-entry --cluster-name prod --region eu-west-1 --principal-arn arn:aws:iam::123456789012:role/Developer',
      `aws eks associate-access-policy --cluster-name prod --region eu-west-1 --principal-arn arn:aws:iam::123456789012:role/Developer --policy-arn ${P}AmazonEKSViewPolicy --access-scope type=cluster`,
    ],
  },
  {
    name: '401 although the principal is mapped: the token itself (clock, wrong cluster behind the endpoint, revoked)',
    input: { failure: unauthorized, cluster, caller, accessEntries: [entry([{ policyArn: `${P}AmazonEKSViewPolicy`, accessScope: { type: 'cluster' } }])] },
    title: /rejected the token/,
    says: [/The principal is mapped/, /clock/, /wharf\.eks\.endpointOverrides/],
    commands: [],
  },
];

describe('diagnoseAuth', () => {
  for (const c of cases) {
    it(c.name, () => {
      const d = diagnoseAuth(c.input);
      assert.match(d.title, c.title);
      const text = d.lines.join('\n');
      for (const re of c.says) assert.match(text, re);
      assert.deepEqual(d.commands, c.commands);
      // The STS session ARN never stands in for the principal in a fix.
      for (const cmd of d.commands) assert.doesNotMatch(cmd, /assumed-role/);
    });
  }
});

describe('ARN helpers', () => {
  it('turns an assumed-role session into its role', () => {
    assert.equal(principalOf(SESSION), ROLE);
    assert.equal(principalOf('arn:aws-cn:sts::123456789012:assumed-role/Dev/s'), 'arn:aws-cn:iam::123456789012:role/Dev');
    assert.equal(principalOf('arn:aws:iam::123456789012:user/wharf-viewer'), 'arn:aws:iam::123456789012:user/wharf-viewer');
  });
  it('drops a role path for aws-auth', () => {
    assert.equal(withoutPath('arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123'), 'arn:aws:iam::123456789012:role/AWSReservedSSO_Admin_0123');
    assert.equal(withoutPath(ROLE), ROLE);
  });
});
