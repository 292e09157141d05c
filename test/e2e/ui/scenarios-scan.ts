// The live scan as a person runs it, against the demo estate of test/e2e/stack.ts: right-click the demo's EKS
// cluster row, "Scan Cluster", wait for the summary, find a finding on a live object in the Problems panel, open it
// (a read-only document of the live Deployment), and hover the flagged range for the rule's explanation and docs.
// Screenshots: test-results/ui/6N-scan-*.png. Leaves the tree collapsed and no menu or quick pick open.
import * as assert from 'node:assert/strict';
import { ADMIN_PROFILE, readE2eStack } from '../stack-info';
import { ExplorerTree } from './explorer-tree';
import type { Scenario } from './scenarios';

export function scanScenarios(): Scenario[] {
  const stack = readE2eStack();
  if (!stack) {
    console.log('  - scan scenarios skipped: no local AWS/Kubernetes stack (run through test/run-e2e.sh, which starts it)');
    return [];
  }
  const cluster = stack.crashLoopPod.cluster;
  return [
    {
      name: 'scan: "Scan Cluster" on the cluster row puts findings on live documents in the Problems panel; hover explains them',
      async run({ wb, page, shot }) {
        const tree = new ExplorerTree(page);
        if (!(await page.locator('.part.sidebar .pane-header, .part.sidebar .title', { hasText: /Wharf/i }).first().isVisible())) await tree.open();
        if (!(await page.locator('.statusbar-item', { hasText: ADMIN_PROFILE }).count())) {
          await wb.runCommand('Wharf: Choose AWS Profile…');
          await tree.quickPick(ADMIN_PROFILE);
          await page.locator('.statusbar-item', { hasText: ADMIN_PROFILE }).first().waitFor({ timeout: 10_000 });
        }
        // Files earlier scenarios left open would put their problems above the scan's in the panel's list.
        await wb.closeAllEditors();
        const top = (await tree.row(stack.region, 1).count()) ? [stack.region] : [];
        await tree.expand([...top, 'EKS']);
        const row = await tree.waitRow(cluster, top.length + 2);
        await tree.contextMenu(row, 'Scan Cluster');
        // The summary (Markdown preview) once the scan is done: grouped by rule and by object.
        const summary = await tree.previewText(/By object/, 120_000);
        assert.match(summary, new RegExp(`Wharf scan: cluster ${cluster}`));
        assert.match(summary, /By rule/);
        assert.match(summary, /replicas-min/);
        await shot('60-scan-summary');
        // The tree groups the same findings by rule, in a "Scan Results" group at the top of the view.
        await tree.waitRow('Scan Results', 1);
        // The scan's row opens the summary when clicked; its twistie expands it.
        const scanRow = await tree.waitRow(cluster, 2);
        await scanRow.locator('.monaco-tl-twistie').click();
        const rule = await tree.waitRow('replicas-min', 3);
        assert.match(await tree.description(rule), /\d+ findings?/);
        await rule.click();
        await tree.waitRow(/Deployment .*recommendations/, 4);
        await shot('60b-scan-tree');
        await tree.collapse(cluster, 2);

        // The Problems panel lists the live objects' documents; the demo's one-replica Deployment is among them.
        // The panel's list is virtual (only rows in view exist): filter it to the rule, as a person would.
        await wb.problemsText('eks-cluster.yaml');
        const filter = page.locator('.panel .viewpane-filter input').first();
        await filter.click();
        await page.keyboard.type('replicas-min');
        const problems = await wb.problemsText('recommendations.yaml');
        assert.match(problems, /Deployment recommendations: /);
        await shot('61-scan-problems');
        const marker = page.locator('.markers-panel .monaco-list-row', { hasText: 'Deployment recommendations: ' }).first();
        await marker.click();
        await page.keyboard.press('Enter');
        await page.locator('.tab.active', { hasText: 'recommendations.yaml' }).waitFor({ timeout: 15_000 });
        await wb.waitForEditorText('kind: Deployment', 15_000);
        const text = await wb.editorText();
        assert.match(text, /name: recommendations/);
        assert.doesNotMatch(text, /managedFields|resourceVersion|^status:/m, 'the document is what a person wrote');
        // The cursor is at the finding (the marker opened it there): the editor's hover explains the rule.
        // The diagnostic's part of the hover comes first; the rule's explanation (WharfHover) follows it.
        const hover = await wb.hoverText('Rule documentation');
        assert.match(hover, /Wharf replicas-min/);
        assert.match(hover, /Rule documentation/);
        await shot('62-scan-hover');
        await page.keyboard.press('Escape');
        await filter.click();
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Delete');
        await wb.closeAllEditors();
        await wb.runCommand('Notifications: Clear All Notifications');
        await tree.collapse('EKS', top.length + 1);
      },
    },
  ];
}
