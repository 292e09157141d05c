// Validate, diff and apply against a real kube-apiserver (test/env/kube.ts) with the harness's real validating
// admission webhook registered (test/env/admission-webhook.ts), through Wharf's own client and EKS tokens. The
// manifests are the files in test/fixtures/validate; the assertions are on the lines the diagnostics land on.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { getEksToken } from '../../src/aws/eks-token';
import { applyObject } from '../../src/kube/apply';
import { KubeClient, type TokenSource } from '../../src/kube/client';
import { applyFile, fileProblem, type ObjectOutcome } from '../../src/kube/dry-run';
import { renderDiff } from '../../src/kube/dry-run-diff';
import { parseSource, toLocation, type SourceFile } from '../../src/lint/source';
import { kubeRequest } from '../env/kube-api';
import { PRINCIPALS } from '../env/kube';
import { adminCreds, caFile, cluster, server } from './kube-helpers';

const NS = 'wharf-it-validate';
const FIXTURES = path.join(__dirname, '../fixtures/validate');

class Tokens implements TokenSource {
  private current?: Promise<string>;
  constructor(private readonly who: keyof typeof PRINCIPALS) {}
  token() {
    return (this.current ??= this.make());
  }
  renew() {
    return (this.current = this.make());
  }
  private make() {
    const p = PRINCIPALS[this.who];
    return getEksToken({ clusterName: cluster(), region: 'us-east-1', credentials: { accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey } }).then((t) => t.token);
  }
}

const client = (who: keyof typeof PRINCIPALS) => new KubeClient(cluster(), { server: server(), caPem: fs.readFileSync(caFile(), 'utf8') }, new Tokens(who));
const load = (name: string): SourceFile => parseSource(path.join(FIXTURES, name), fs.readFileSync(path.join(FIXTURES, name), 'utf8'));

/** Each finding as "line: severity code message", the way the Problems panel would list it. */
function lines(file: SourceFile, outcomes: ObjectOutcome[]): string[] {
  return outcomes.flatMap((o) => o.findings.map((f) => `${toLocation(file, f.span).line}: ${f.severity} ${f.code} ${f.message}`));
}

let admin: KubeClient;
let viewer: KubeClient;

describe('validate against a real API server', () => {
  before(async () => {
    const r = await kubeRequest(adminCreds(), 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    assert.ok(r.status < 300 || r.status === 409, `namespace: ${r.status}`);
    admin = client('admin');
    viewer = client('viewer');
  });
  after(() => {
    admin.dispose();
    viewer.dispose();
  });

  it('puts schema errors on their lines: a validation cause on its field, an unknown field on the field', async () => {
    const file = load('schema-error.yaml');
    const out = await applyFile(admin, file.objects, { namespace: NS, dryRun: true });
    assert.deepEqual(out.map((o) => o.result.ok), [true, false, false]);
    const found = lines(file, out);
    assert.equal(found.length, 2, found.join('\n'));
    assert.match(found[0], /^15: error Invalid spec\.replicas: Invalid value: -1: must be greater than or equal to 0$/);
    assert.match(found[1], /^34: error Invalid spec\.ports\[.*\]\.targetPrt: field not declared in schema$/);
    // A dry run stores nothing.
    assert.equal((await kubeRequest(adminCreds(), 'GET', `/api/v1/namespaces/${NS}/configmaps/web-settings`)).status, 404);
  });

  it('puts admission webhook denials on the object kind with the webhook message, and its warnings as warnings', async () => {
    const file = load('denied.yaml');
    const out = await applyFile(admin, file.objects, { namespace: NS, dryRun: true });
    const found = lines(file, out);
    assert.equal(found.length, 3, found.join('\n'));
    assert.match(found[0], /^4: error Forbidden admission webhook "policy\.wharf-test\.local" denied the request: container "app" uses image registry\.forbidden\.example\/pirate:1\.0/);
    assert.match(found[1], /^20: error Forbidden admission webhook "policy\.wharf-test\.local" denied the request: objects labelled wharf-test\/deny=true/);
    assert.match(found[2], /^29: warning Warning this ConfigMap is scheduled for removal by the platform team$/);
    assert.equal(out[2].result.ok, true);
  });

  it('puts an RBAC refusal on the kind (a viewer cannot patch)', async () => {
    const file = load('clean.yaml');
    const out = await applyFile(viewer, file.objects.slice(0, 1), { namespace: NS, dryRun: true });
    const found = lines(file, out);
    assert.equal(found.length, 1);
    assert.match(found[0], /^3: error Forbidden .*cannot patch resource "deployments" in API group "apps" in the namespace "wharf-it-validate"/);
  });

  it('names the other field manager of a conflict on the contested lines, and Force takes the fields over', async () => {
    // Another team applied the ConfigMap first with values of its own.
    const theirs = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared-settings', namespace: NS }, data: { owner: 'platform-team', tier: 'silver' } };
    const first = await applyObject(admin, theirs, { namespace: NS, dryRun: false, fieldManager: 'platform-team' });
    assert.ok(first.ok);
    const file = load('conflict.yaml');
    const dry = await applyFile(admin, file.objects, { namespace: NS, dryRun: true });
    const found = lines(file, dry);
    assert.deepEqual(found.map((l) => l.slice(0, l.indexOf(' '))), ['8:', '9:']);
    assert.match(found[0], /data\.owner is owned by the field manager "platform-team"/);
    assert.deepEqual(dry[0].result.ok ? [] : dry[0].result.conflicts.map((c) => `${c.manager} ${c.field}`), ['platform-team .data.owner', 'platform-team .data.tier']);
    // A real apply is refused the same way; forced, it configures the object.
    const refused = await applyFile(admin, file.objects, { namespace: NS, dryRun: false });
    assert.equal(refused[0].result.ok, false);
    const forced = await applyFile(admin, file.objects, { namespace: NS, dryRun: false, force: true });
    assert.ok(forced[0].result.ok);
    assert.equal(forced[0].result.outcome, 'configured');
    const live = await kubeRequest<{ data: Record<string, string>; metadata: { managedFields: { manager: string }[] } }>(adminCreds(), 'GET', `/api/v1/namespaces/${NS}/configmaps/shared-settings`);
    assert.deepEqual(live.body.data, { owner: 'web-team', tier: 'gold' });
    assert.ok(live.body.metadata.managedFields.some((m) => m.manager === 'wharf'));
  });

  it('applies a clean file: created, then unchanged, then configured; the diff shows additions, then the change', async () => {
    const file = load('clean.yaml');
    assert.equal(fileProblem(file, true), undefined);
    const dry = await applyFile(admin, file.objects, { namespace: NS, dryRun: true });
    assert.deepEqual(lines(file, dry), []);
    assert.deepEqual(dry.map((o) => o.result.ok && o.result.outcome), ['created', 'created']);
    const firstDiff = renderDiff(dry.map((o) => ({ label: o.result.label, manifest: o.obj.value, live: o.result.live, planned: o.result.ok ? o.result.object : undefined })));
    assert.equal(firstDiff.left, '# Deployment wharf-it-validate/storefront (new)\n---\n# Service wharf-it-validate/storefront (new)\n');
    assert.match(firstDiff.right, /namespace: wharf-it-validate/);
    assert.doesNotMatch(firstDiff.right, /managedFields|uid:|clusterIP|status:/);

    const created = await applyFile(admin, file.objects, { namespace: NS, dryRun: false });
    assert.deepEqual(created.map((o) => o.result.ok && o.result.outcome), ['created', 'created']);
    const again = await applyFile(admin, file.objects, { namespace: NS, dryRun: false });
    assert.deepEqual(again.map((o) => o.result.ok && o.result.outcome), ['unchanged', 'unchanged']);
    const againDry = await applyFile(admin, file.objects, { namespace: NS, dryRun: true });
    assert.deepEqual(againDry.map((o) => o.result.ok && o.result.outcome), ['unchanged', 'unchanged']);

    const edited = parseSource(file.path, file.text.replace('replicas: 2', 'replicas: 3'));
    const plan = await applyFile(admin, edited.objects, { namespace: NS, dryRun: true });
    const diff = renderDiff(plan.map((o) => ({ label: o.result.label, manifest: o.obj.value, live: o.result.live, planned: o.result.ok ? o.result.object : undefined })));
    const leftLines = diff.left.split('\n');
    const rightLines = diff.right.split('\n');
    const changed = rightLines.filter((l, i) => l !== leftLines[i]);
    assert.deepEqual(changed, ['  replicas: 3']);
    assert.match(diff.right, /^# Deployment wharf-it-validate\/storefront \(changed\)$/m);
    assert.match(diff.right, /^# Service wharf-it-validate\/storefront \(unchanged\)$/m);
    const configured = await applyFile(admin, edited.objects, { namespace: NS, dryRun: false });
    assert.deepEqual(configured.map((o) => o.result.ok && o.result.outcome), ['configured', 'unchanged']);
  });

  it('says plainly what is wrong with a file it cannot send', () => {
    assert.match(fileProblem(parseSource('/x.yaml', 'name: ci\non: [push]\n'), false)!, /No Kubernetes objects/);
    assert.match(fileProblem(parseSource('/x.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n'), true)!, /does not parse \(line \d+/);
  });

  it('a new Namespace and its objects in one file: the dry run marks the objects as awaiting it; Apply creates the Namespace first', async () => {
    const file = load('new-namespace.yaml');
    const team = 'wharf-it-new-team';
    const dry = await applyFile(admin, file.objects, { namespace: NS, dryRun: true });
    assert.deepEqual(dry.map((o) => [o.obj.kind, o.result.ok, o.result.ok ? o.result.outcome : o.result.message, o.result.ok ? o.result.awaitsNamespace : undefined]), [
      ['Deployment', true, 'created', team],
      ['Namespace', true, 'created', undefined],
      ['ConfigMap', true, 'created', team],
    ]);
    const found = lines(file, dry);
    assert.equal(found.length, 2, found.join('\n'));
    assert.match(found[0], /^6: warning NamespacePending Not checked by the cluster: namespace "wharf-it-new-team" does not exist yet\. This file creates it, and Apply creates it before this object/);
    assert.match(found[1], /^28: warning NamespacePending /);
    assert.equal((await kubeRequest(adminCreds(), 'GET', `/api/v1/namespaces/${team}`)).status, 404, 'a dry run creates nothing');
    try {
      const applied = await applyFile(admin, file.objects, { namespace: NS, dryRun: false });
      assert.deepEqual(applied.map((o) => [o.result.ok, o.result.ok && o.result.outcome]), [[true, 'created'], [true, 'created'], [true, 'created']]);
      assert.equal((await kubeRequest(adminCreds(), 'GET', `/apis/apps/v1/namespaces/${team}/deployments/api`)).status, 200);
      // Once the namespace exists, the dry run checks its objects again.
      const again = await applyFile(admin, file.objects, { namespace: NS, dryRun: true });
      assert.deepEqual(again.map((o) => o.result.ok && o.result.outcome), ['unchanged', 'unchanged', 'unchanged']);
    } finally {
      await kubeRequest(adminCreds(), 'DELETE', `/api/v1/namespaces/${team}`);
    }
  });
});
