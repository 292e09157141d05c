// Validate, diff and apply as a person does them, against a demo cluster of test/e2e/stack.ts (with the harness's
// admission webhook): the manifests are test/fixtures/workspace/deploy/*.yaml. Validate picks the cluster and
// namespace once (remembered for the folder), the cluster's refusals land in the Problems panel on their lines, Diff
// with Live opens VS Code's diff editor, Apply asks in a modal naming cluster and namespace, then reports per object.
// Screenshots: test-results/ui/5N-*.png.
import * as assert from 'node:assert/strict';
import { readE2eStack } from '../stack-info';
import { ExplorerTree } from './explorer-tree';
import type { Scenario } from './scenarios';

export function validateScenarios(): Scenario[] {
  const stack = readE2eStack();
  if (!stack) {
    console.log('  - validate scenarios skipped: no local AWS/Kubernetes stack (run through test/run-e2e.sh, which starts it)');
    return [];
  }
  const cluster = stack.crashLoopPod.cluster;
  const clustersHere = stack.eks.filter((c) => c.region === stack.region).length;
  const where = `${cluster}/shop`;
  return [
    {
      name: 'Validate Against Cluster: pick the cluster and namespace once; a webhook denial and a schema error land on their lines',
      async run({ wb, page, shot }) {
        const tree = new ExplorerTree(page);
        // Run on its own (WHARF_UI_GREP), this is the workbench's first step: Quick Open's file search may still be
        // starting on a busy machine, so the first attempt may find nothing.
        for (let attempt = 0; ; attempt++) {
          try {
            await wb.openFile('ci.yaml');
            break;
          } catch (e) {
            if (attempt === 2) throw e;
            await page.keyboard.press('Escape');
          }
        }
        // A CI workflow is YAML but no manifest: no cluster item in the status bar.
        await page.waitForTimeout(1500);
        assert.equal(await page.locator('.statusbar-item', { hasText: 'No cluster' }).first().isVisible(), false, 'no cluster item on a GitHub workflow');
        await wb.openFile('policy-check.yaml');
        await page.locator('.statusbar-item', { hasText: 'No cluster' }).first().waitFor({ timeout: 20_000 });
        // The admin profile (an earlier scenario may have left the read-only one, or none).
        await wb.runCommand('Wharf: Choose AWS Profile…');
        await tree.quickPick('wharf-admin');
        await page.locator('.statusbar-item', { hasText: 'wharf-admin' }).first().waitFor({ timeout: 10_000 });
        await wb.focusEditor();
        await wb.runCommand('Wharf: Validate Against Cluster');
        if (clustersHere > 1) await tree.quickPick(cluster);
        await tree.quickPick('default', 'shop');
        const text = await wb.problemsText('denied the request');
        assert.match(text, /admission webhook "policy\.wharf-test\.local" denied the request: container "cache" uses image registry\.forbidden\.example\/cache:7\.2/);
        assert.match(text, /Forbidden\)?\s*\[Ln 4, Col 7\]/, 'the denial is on the kind');
        assert.match(text, /targetPrt: field not declared in schema/);
        assert.match(text, /Invalid\)?\s*\[Ln 30, Col 7\]/, 'the unknown field is on its key');
        assert.match(text, /Wharf \(cluster\)/);
        await page.locator('.statusbar-item', { hasText: where }).first().waitFor({ timeout: 10_000 });
        await page.waitForSelector('.squiggly-error');
        await shot('50-validate-problems');
        await page.keyboard.press('Control+Shift+M');
      },
    },
    {
      name: 'Diff with Live on another file of that folder: the link is remembered; new objects are additions',
      async run({ wb, page, shot }) {
        await wb.openFile('release.yaml');
        await page.locator('.statusbar-item', { hasText: where }).first().waitFor({ timeout: 10_000 });
        await wb.runCommand('Wharf: Diff with Live');
        await page.locator('.tab.active', { hasText: 'release.yaml: live' }).waitFor({ timeout: 30_000 });
        const modified = page.locator('.monaco-diff-editor .editor.modified .view-lines').first();
        await modified.filter({ hasText: 'release-checker' }).waitFor({ timeout: 15_000 });
        const right = (await modified.innerText()).replace(/\u00a0/g, ' ');
        assert.match(right, /# Deployment shop\/release-checker \(new\)/);
        assert.match(right, /namespace: shop/);
        assert.doesNotMatch(right, /managedFields|uid:|status:/);
        await shot('51-diff-with-live');
      },
    },
    {
      name: 'Apply to Cluster: a modal names cluster and namespace; the objects are created, and a second apply finds nothing to do',
      async run({ wb, page, shot }) {
        // From the diff editor Diff with Live left open: Apply takes the manifest the diff was made from.
        await page.locator('.tab.active', { hasText: 'release.yaml: live' }).waitFor();
        await wb.runCommand('Wharf: Apply to Cluster');
        const dialog = page.locator('.monaco-dialog-box', { hasText: 'Apply release.yaml to EKS cluster' });
        await dialog.waitFor({ timeout: 30_000 });
        const text = await dialog.innerText();
        assert.match(text, new RegExp(`cluster "${cluster}" \\(${stack.region}, profile wharf-admin\\), namespace "shop"`));
        assert.match(text, /create Deployment shop\/release-checker/);
        await shot('52-apply-confirm');
        await dialog.locator('.monaco-button', { hasText: /^Apply$/ }).click();
        const done = page.locator('.notification-toast', { hasText: 'created Deployment shop/release-checker' });
        await done.waitFor({ timeout: 30_000 });
        assert.match(await done.innerText(), /created ConfigMap shop\/release-notes/);
        await shot('53-apply-result');
        await wb.runCommand('Notifications: Clear All Notifications');
        await page.locator('.tab.active', { hasText: 'release.yaml: live' }).waitFor();
        await wb.runCommand('Wharf: Apply to Cluster');
        await page.locator('.notification-toast', { hasText: 'nothing to apply' }).waitFor({ timeout: 30_000 });
        await wb.runCommand('Notifications: Clear All Notifications');
        await wb.closeAllEditors();
      },
    },
  ];
}
