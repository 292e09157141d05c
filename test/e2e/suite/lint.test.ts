// The linter in a real VS Code: diagnostics on open and while typing, cross-document findings, quick fixes,
// suppressions, fix-all, hovers, .wharf.yaml, and silence on YAML that isn't Kubernetes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const folder = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

function wharfDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'wharf');
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Waits until the diagnostics of `uri` satisfy `ok`: checked now and on every onDidChangeDiagnostics for it. */
function waitFor(uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean, what: string, ms = 15_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const done = (ds: vscode.Diagnostic[]) => {
      clearTimeout(timer);
      sub.dispose();
      resolve(ds);
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const ds = wharfDiagnostics(uri);
      if (ok(ds)) done(ds);
    });
    const timer = setTimeout(() => {
      sub.dispose();
      const ds = wharfDiagnostics(uri);
      reject(new Error(`timed out waiting for ${what}; have: ${ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)}`).join(', ')}`));
    }, ms);
    const now = wharfDiagnostics(uri);
    if (ok(now)) done(now);
  });
}

/** Edits through a WorkspaceEdit, as another extension or a refactoring would (not the editor's typing API). */
async function replace(doc: vscode.TextDocument, range: vscode.Range, text: string): Promise<void> {
  const we = new vscode.WorkspaceEdit();
  we.replace(doc.uri, range, text);
  assert.ok(await vscode.workspace.applyEdit(we));
}

const has = (id: string) => (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === id);
const lacks = (id: string) => (ds: vscode.Diagnostic[]) => ds.length > 0 && !ds.some((d) => codeOf(d) === id);

async function untitled(content: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content });
  return vscode.window.showTextDocument(doc);
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: demo
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: demo-1, uid: u, controller: true}]
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
`;

suite('Wharf linter in VS Code', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('activates on YAML and registers its commands', async () => {
    await untitled(POD);
    const ext = vscode.extensions.getExtension('wharf-dev.wharf');
    assert.ok(ext, 'extension installed');
    await waitFor(vscode.window.activeTextEditor!.document.uri, has('no-privileged'), 'first diagnostics');
    assert.ok(ext.isActive);
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['wharf.lint.fixAll', 'wharf.lint.relint', 'wharf.lint.showOutput']) assert.ok(commands.includes(c), c);
  });

  test('diagnostics on open: exact range, severity, code linking to the docs, source', async () => {
    const ed = await untitled(POD);
    const ds = await waitFor(ed.document.uri, has('no-privileged'), 'no-privileged');
    const d = ds.find((x) => codeOf(x) === 'no-privileged')!;
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [10, 20, 10, 24]);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.source, 'wharf');
    assert.match(String((d.code as { target: vscode.Uri }).target), /README\.md#no-privileged$/);
    assert.match(d.message, /^Pod demo: container "app" runs privileged/);
  });

  test('diagnostics follow typing: they go away and come back', async () => {
    const ed = await untitled(POD);
    const doc = ed.document;
    await waitFor(doc.uri, has('no-privilege-escalation'), 'no-privilege-escalation');
    await replace(doc, new vscode.Range(11, 0, 11, 0), '        allowPrivilegeEscalation: false\n');
    await waitFor(doc.uri, lacks('no-privilege-escalation'), 'the finding to go away after typing');
    await replace(doc, new vscode.Range(10, 20, 10, 24), 'false');
    await waitFor(doc.uri, lacks('no-privileged'), 'no-privileged to go away');
    await replace(doc, new vscode.Range(10, 20, 10, 25), 'true');
    const ds = await waitFor(doc.uri, has('no-privileged'), 'no-privileged to come back');
    const d = ds.find((x) => codeOf(x) === 'no-privileged')!;
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [10, 20, 10, 24]);
  });

  test('a new document typed below a --- is linted, and ranges after it stay exact', async () => {
    const ed = await untitled(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n${POD}`);
    const doc = ed.document;
    const ds = await waitFor(doc.uri, has('no-privileged'), 'no-privileged in the second document');
    assert.equal(ds.find((x) => codeOf(x) === 'no-privileged')!.range.start.line, 14);
    // A line added to the first document shifts the second one's findings down by one.
    await replace(doc, new vscode.Range(2, 0, 2, 0), 'data: {a: "1"}\n');
    await waitFor(doc.uri, (x) => x.some((d) => codeOf(d) === 'no-privileged' && d.range.start.line === 15), 'the finding one line lower');
  });

  test('quick fix: the safe fix is preferred and applies', async () => {
    const ed = await untitled(POD);
    const ds = await waitFor(ed.document.uri, has('no-privilege-escalation'), 'no-privilege-escalation');
    const d = ds.find((x) => codeOf(x) === 'no-privilege-escalation')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', ed.document.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Set allowPrivilegeEscalation: false');
    assert.ok(fix?.isPreferred, `preferred fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(actions.some((a) => a.title === 'Disable no-privilege-escalation for this line'));
    assert.ok(actions.some((a) => a.title === 'Disable no-privilege-escalation for this document'));
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.match(ed.document.getText(), /securityContext:\n {8}privileged: true\n {8}allowPrivilegeEscalation: false\n/);
    await waitFor(ed.document.uri, lacks('no-privilege-escalation'), 'the fixed finding to go away');
  });

  test('disable for this line inserts a suppression comment that works', async () => {
    const ed = await untitled(POD);
    const ds = await waitFor(ed.document.uri, has('no-privileged'), 'no-privileged');
    const d = ds.find((x) => codeOf(x) === 'no-privileged')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', ed.document.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const disable = actions.find((a) => a.title === 'Disable no-privileged for this line')!;
    assert.ok(await vscode.workspace.applyEdit(disable.edit!));
    assert.equal(ed.document.lineAt(10).text, '        # wharf-disable-next-line no-privileged');
    await waitFor(ed.document.uri, lacks('no-privileged'), 'the suppressed finding to go away');
  });

  test('fix all safe problems leaves nothing fixable and keeps comments', async () => {
    const ed = await untitled(POD.replace('name: demo', 'name: demo # keep me'));
    await waitFor(ed.document.uri, has('seccomp-profile'), 'seccomp-profile');
    await vscode.commands.executeCommand('wharf.lint.fixAll');
    const text = ed.document.getText();
    assert.match(text, /name: demo # keep me/);
    assert.match(text, /allowPrivilegeEscalation: false/);
    assert.match(text, /seccompProfile:\n\s+type: RuntimeDefault/);
    await waitFor(ed.document.uri, (ds) => !ds.some((d) => ['seccomp-profile', 'no-privilege-escalation'].includes(codeOf(d))), 'fixed findings to go away');
  });

  test('the source action fixes all safe problems in one undoable edit', async () => {
    const ed = await untitled(POD);
    const doc = ed.document;
    await waitFor(doc.uri, has('seccomp-profile'), 'seccomp-profile');
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, whole, 'source.fixAll.wharf');
    const fixAll = actions.find((a) => a.title === 'Fix all safe Wharf problems');
    assert.ok(fixAll?.command, `source action among: ${actions.map((a) => a.title).join(' | ')}`);
    await vscode.commands.executeCommand(fixAll.command.command, ...(fixAll.command.arguments ?? []));
    assert.match(doc.getText(), /allowPrivilegeEscalation: false/);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), POD, 'one undo reverts every fix');
  });

  test('hover explains the rule with its rationale and a link', async () => {
    const ed = await untitled(POD);
    await waitFor(ed.document.uri, has('no-privileged'), 'no-privileged');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', ed.document.uri, new vscode.Position(10, 22));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Wharf `no-privileged`/);
    assert.match(text, /GuardDuty/);
    assert.match(text, /README\.md#no-privileged/);
  });

  test('cross-document findings link the related file', async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(folder(), 'hpa.yaml'));
    await vscode.window.showTextDocument(doc);
    const ds = await waitFor(doc.uri, has('hpa-needs-requests'), 'hpa-needs-requests (needs the workspace index)', 30_000);
    const d = ds.find((x) => codeOf(x) === 'hpa-needs-requests')!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.relatedInformation![0].location.uri.fsPath, /web\.yaml$/);
  });

  test('deprecated APIs: error with a fix to the replacement', async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(folder(), 'cronjob.yaml'));
    const ed = await vscode.window.showTextDocument(doc);
    const ds = await waitFor(doc.uri, has('deprecated-api'), 'deprecated-api');
    const d = ds.find((x) => codeOf(x) === 'deprecated-api')!;
    assert.match(d.message, /batch\/v1beta1 CronJob was removed in Kubernetes 1\.25/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.isPreferred)!;
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(ed.document.lineAt(0).text, 'apiVersion: batch/v1');
  });

  test('.wharf.yaml is read, re-read on change, and its mistakes are reported on it', async () => {
    const cfg = path.join(folder(), '.wharf.yaml');
    const ed = await untitled(POD);
    await waitFor(ed.document.uri, has('no-privileged'), 'no-privileged');
    try {
      fs.writeFileSync(cfg, 'rules:\n  no-privileged: off\n  no-such-rule: warning\n');
      await waitFor(ed.document.uri, lacks('no-privileged'), 'no-privileged to be turned off by .wharf.yaml');
      const cfgUri = vscode.Uri.file(cfg);
      const problems = await waitFor(cfgUri, has('invalid-config'), 'the config problem on .wharf.yaml');
      assert.match(problems[0].message, /Unknown rule "no-such-rule"/);
      assert.equal(problems[0].range.start.line, 2);
    } finally {
      fs.rmSync(cfg, { force: true });
    }
    await waitFor(ed.document.uri, has('no-privileged'), 'no-privileged to come back when .wharf.yaml is gone');
  });

  test('YAML that is not Kubernetes gets no diagnostics', async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(folder(), '.github/workflows/ci.yaml'));
    await vscode.window.showTextDocument(doc);
    const k8s = await untitled(POD);
    await waitFor(k8s.document.uri, has('no-privileged'), 'the Kubernetes file to be linted first');
    assert.deepEqual(wharfDiagnostics(doc.uri), []);
  });
});
