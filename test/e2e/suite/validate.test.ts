// "Validate Against Cluster" in a real VS Code against a demo cluster of test/e2e/stack.ts (with the harness's
// admission webhook): run from the explorer's cluster row, as its menu passes it; the cluster's verdicts land in the
// 'wharf-cluster' diagnostics on their lines; the link is remembered for the folder and its Kubernetes version becomes
// the linter's target unless a setting names one; validate-on-save brings the verdicts back after an edit.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ESTATE_EKS } from '../../env/seed-aws';
import { ADMIN_PROFILE, readE2eStack } from '../stack-info';

const stack = readE2eStack();
const folder = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const CLUSTER_SOURCE = 'Wharf (cluster)';

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const clusterDiags = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === CLUSTER_SOURCE);

/**
 * Runs a command that shows one quick pick (the namespace) and accepts its first row (`default`, which it lists
 * first). Quick picks have no API in tests: accept until the command returns.
 */
async function runAcceptingFirst(command: string, ...args: unknown[]): Promise<unknown> {
  let done = false;
  const run = Promise.resolve(vscode.commands.executeCommand(command, ...args)).finally(() => (done = true));
  const deadline = Date.now() + 45_000;
  while (!done && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  return run;
}

suite('Validate against a cluster (local clusters)', function () {
  this.timeout(120_000);
  const cluster = stack?.crashLoopPod.cluster ?? '';
  const version = ESTATE_EKS.find((c) => c.name === cluster)?.version;

  suiteSetup(async function () {
    if (!stack) {
      console.log('validate suite skipped: no local AWS/Kubernetes stack (test/run-e2e.sh starts one)');
      this.skip();
    }
    const cfg = vscode.workspace.getConfiguration('wharf');
    await cfg.update('eks.endpointOverrides', stack!.overrides, vscode.ConfigurationTarget.Global);
    await cfg.update('profiles', [ADMIN_PROFILE], vscode.ConfigurationTarget.Global);
    await cfg.update('regions', [stack!.region], vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    const cfg = vscode.workspace.getConfiguration('wharf');
    await cfg.update('validate.onSave', undefined, vscode.ConfigurationTarget.Global);
    await cfg.update('lint.kubernetesVersion', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('from the cluster row: a webhook denial on the kind, an unknown field on its key', async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(folder(), 'deploy/policy-check.yaml'));
    await vscode.window.showTextDocument(doc);
    const row = { target: { type: 'eksCluster', profile: ADMIN_PROFILE, region: stack!.region, clusterName: cluster } };
    await runAcceptingFirst('wharf.validate.run', row);
    const diags = await until(() => (clusterDiags(doc.uri).length >= 2 ? clusterDiags(doc.uri) : undefined), 'the cluster diagnostics');
    const byLine = diags.map((d) => [d.range.start.line + 1, d.severity, String(d.code), d.message] as const).sort((a, b) => a[0] - b[0]);
    assert.equal(byLine.length, 2, JSON.stringify(byLine));
    assert.deepEqual(byLine.map((d) => [d[0], d[1], d[2]]), [[4, vscode.DiagnosticSeverity.Error, 'Forbidden'], [30, vscode.DiagnosticSeverity.Error, 'Invalid']]);
    assert.match(byLine[0][3], /denied the request: container "cache" uses image registry\.forbidden\.example\/cache:7\.2/);
    assert.equal(doc.getText(diags.find((d) => d.range.start.line === 3)!.range), 'Deployment');
    assert.equal(doc.getText(diags.find((d) => d.range.start.line === 29)!.range), 'targetPrt');
  });

  test('the folder\'s link gives the linter its target version; an explicit setting wins', async () => {
    assert.ok(version, `the estate names ${cluster}'s version`);
    const file = path.join(folder(), 'deploy/flow-schema.yaml');
    fs.writeFileSync(file, 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata:\n  name: batch\nspec:\n  priorityLevelConfiguration: {name: workload-low}\n');
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const deprecated = (target: string) => () => vscode.languages.getDiagnostics(doc.uri).find((d) => d.source === 'wharf' && d.message.includes(`(target ${target})`));
    await until(deprecated(version!), `deprecated-api with the linked cluster's version ${version}`);
    await vscode.workspace.getConfiguration('wharf').update('lint.kubernetesVersion', '1.30', vscode.ConfigurationTarget.Global);
    await until(deprecated('1.30'), 'deprecated-api with the explicit 1.30');
    await vscode.workspace.getConfiguration('wharf').update('lint.kubernetesVersion', undefined, vscode.ConfigurationTarget.Global);
    await until(deprecated(version!), 'the linked version again');
  });

  test('an edit clears the cluster diagnostics; with wharf.validate.onSave, saving validates again', async () => {
    await vscode.workspace.getConfiguration('wharf').update('validate.onSave', true, vscode.ConfigurationTarget.Global);
    const doc = await vscode.workspace.openTextDocument(path.join(folder(), 'deploy/policy-check.yaml'));
    const editor = await vscode.window.showTextDocument(doc);
    await until(() => (clusterDiags(doc.uri).length ? true : undefined), 'the diagnostics of the first test');
    await editor.edit((e) => e.insert(new vscode.Position(2, 0), '# edited\n'));
    await until(() => (clusterDiags(doc.uri).length === 0 ? true : undefined), 'the edit to clear them');
    await doc.save();
    const diags = await until(() => (clusterDiags(doc.uri).length >= 2 ? clusterDiags(doc.uri) : undefined), 'validation on save');
    assert.ok(diags.some((d) => d.range.start.line === 4), 'the denial moved down with the edit');
  });
});
