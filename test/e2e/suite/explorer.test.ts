// The explorer commands in a real VS Code against the local AWS and Kubernetes clusters (test/e2e/stack.ts): View
// YAML, Describe, a task definition, the 403 access diagnosis, Copy Name / ARN, and the profile setting. The tree
// itself is driven by the UI scenarios (test/e2e/ui/scenarios-explorer.ts); here commands get the same elements a
// menu passes them (objects with a `target`).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RESOURCES } from '../../../src/kube/resources';
import { docPath, encodeDocQuery, type DocRequest } from '../../../src/commands/explorer/doc-uri';
import type { NodeTarget } from '../../../src/views/target';
import { ADMIN_PROFILE, readE2eStack, VIEWER_PROFILE } from '../stack-info';

const stack = readE2eStack();

const docUri = (r: DocRequest) => vscode.Uri.from({ scheme: 'wharf', path: docPath(r), query: encodeDocQuery(r) });

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

suite('Explorer commands (local AWS and clusters)', function () {
  // Loading the explorer bundle and the first calls to the local servers take a few seconds on a busy machine.
  this.timeout(60_000);

  suiteSetup(async function () {
    if (!stack) {
      console.log('explorer suite skipped: no local AWS/Kubernetes stack (test/run-e2e.sh starts one)');
      this.skip();
    }
    const cfg = vscode.workspace.getConfiguration('wharf');
    await cfg.update('eks.endpointOverrides', stack!.overrides, vscode.ConfigurationTarget.Global);
    await cfg.update('profiles', [ADMIN_PROFILE], vscode.ConfigurationTarget.Global);
    await cfg.update('regions', [stack!.region], vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const pod = () => ({ type: 'kubeObject', profile: ADMIN_PROFILE, region: stack!.region, clusterName: stack!.crashLoopPod.cluster, resource: RESOURCES.pods, namespace: stack!.crashLoopPod.namespace, name: stack!.crashLoopPod.name }) satisfies NodeTarget;

  test('View YAML opens the live pod read-only, managed fields folded away', async () => {
    await vscode.commands.executeCommand('wharf.explorer.viewYaml', { target: pod() });
    const editor = await until(() => (vscode.window.activeTextEditor?.document.uri.scheme === 'wharf' ? vscode.window.activeTextEditor : undefined), 'the YAML editor');
    const doc = editor.document;
    assert.equal(doc.uri.path, `/${stack!.crashLoopPod.cluster}/${stack!.crashLoopPod.namespace}/pods/${stack!.crashLoopPod.name}.yaml`);
    assert.equal(doc.languageId, 'yaml');
    const text = doc.getText();
    assert.match(text, /^kind: Pod$/m);
    assert.match(text, new RegExp(`name: ${stack!.crashLoopPod.name}`));
    assert.match(text, /CrashLoopBackOff/);
    assert.doesNotMatch(text, /managedFields/);
  });

  test('Describe shows conditions and the pod\'s events as Markdown', async () => {
    const r: DocRequest = { doc: 'describe', ref: { profile: ADMIN_PROFILE, region: stack!.region, clusterName: stack!.crashLoopPod.cluster }, resource: RESOURCES.pods, namespace: stack!.crashLoopPod.namespace, name: stack!.crashLoopPod.name };
    await vscode.commands.executeCommand('wharf.explorer.describe', { target: pod() });
    const doc = await vscode.workspace.openTextDocument(docUri(r));
    assert.equal(doc.languageId, 'markdown');
    const text = doc.getText();
    assert.match(text, new RegExp(stack!.crashLoopPod.name));
    assert.match(text, /BackOff/, 'the kubelet event is shown');
  });

  test('View Task Definition opens the ECS task definition as JSON', async () => {
    const cluster = stack!.ecs.find((c) => c.region === stack!.region)!;
    const svc = cluster.services.find((s) => s.taskDefinitionArn)!;
    const task = { arn: `${cluster.arn.replace(':cluster/', ':task/')}/0`, id: '0', clusterArn: cluster.arn, execEnabled: false, taskDefinitionArn: svc.taskDefinitionArn, containers: [] };
    await vscode.commands.executeCommand('wharf.explorer.viewTaskDefinition', { target: { type: 'ecsTask', profile: ADMIN_PROFILE, region: stack!.region, clusterArn: cluster.arn, task } });
    const editor = await until(() => (vscode.window.activeTextEditor?.document.uri.path.endsWith('.json') ? vscode.window.activeTextEditor : undefined), 'the task definition editor');
    assert.equal(editor.document.languageId, 'json');
    const td = JSON.parse(editor.document.getText());
    assert.equal(td.taskDefinitionArn, svc.taskDefinitionArn);
    assert.ok(Array.isArray(td.containerDefinitions) && td.containerDefinitions.length > 0);
  });

  test('the access diagnosis for the read-only profile names its IAM user and the fix', async () => {
    const ref = { profile: VIEWER_PROFILE, region: stack!.region, clusterName: stack!.crashLoopPod.cluster };
    // The `view` role and AmazonEKSViewPolicy read workloads but not Secrets: listing them is refused.
    const failure = { kind: 'forbidden' as const, status: 403, message: 'secrets is forbidden: User "arn:aws:iam::123456789012:user/wharf-viewer" cannot list resource "secrets" in API group "" in the namespace "shop"', verb: 'list', resource: 'secrets', namespace: 'shop' };
    // What the tree's error row passes: itself, with the failing node's target and the error.
    await vscode.commands.executeCommand('wharf.eks.showAuthDiagnosis', { target: { type: 'eksCluster', ...ref }, error: { failure } });
    const doc = await vscode.workspace.openTextDocument(docUri({ doc: 'diagnosis', ref, failure }));
    const text = doc.getText();
    assert.match(text, /^# .*not allowed to list secrets in namespace shop/);
    assert.match(text, /arn:aws:iam::123456789012:user\/wharf-viewer/);
    assert.match(text, /```sh\naws eks associate-access-policy .*--principal-arn arn:aws:iam::123456789012:user\/wharf-viewer/);
  });

  test('Copy Name and Copy ARN put the node\'s name and ARN on the clipboard', async () => {
    const cluster = stack!.ecs.find((c) => c.region === stack!.region)!;
    const svc = cluster.services[0];
    const target = { type: 'ecsService', profile: ADMIN_PROFILE, region: stack!.region, clusterArn: cluster.arn, service: { name: svc.name, arn: svc.arn } };
    await vscode.commands.executeCommand('wharf.explorer.copyName', { target });
    assert.equal(await vscode.env.clipboard.readText(), svc.name);
    await vscode.commands.executeCommand('wharf.explorer.copyArn', { target });
    assert.equal(await vscode.env.clipboard.readText(), svc.arn);
  });
});
