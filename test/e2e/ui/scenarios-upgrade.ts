// The upgrade readiness report as a person opens it, against the demo estate of test/e2e/stack.ts: right-click the
// demo's EKS cluster row, "Upgrade Readiness Report", read the report (support status, the deprecated API the API
// server saw, the CRD still stored in a deprecated version, add-ons, the node two minors behind), Ctrl+click a node
// link (the tree reveals the node), and "Export as Markdown" through the save dialog. Screenshots:
// test-results/ui/5N-*.png. Leaves the tree collapsed and no editor-side widget open.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ADMIN_PROFILE, readE2eStack } from '../stack-info';
import { ExplorerTree } from './explorer-tree';
import type { Scenario } from './scenarios';

/** Puts the editor's line `text` at the top (Ctrl+F, then Escape), so the text around it is rendered and readable. */
async function scrollTo(page: Page, text: string): Promise<void> {
  await page.locator('.editor-instance .view-lines').first().click();
  await page.keyboard.press('Control+F');
  // The find box takes the focus, holding the word at the cursor: type over it.
  await page.waitForFunction(`document.activeElement?.closest('.find-widget') != null`, undefined, { timeout: 5_000 });
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
}

export function upgradeScenarios(): Scenario[] {
  const stack = readE2eStack();
  if (!stack) {
    console.log('  - upgrade scenarios skipped: no local AWS/Kubernetes stack (run through test/run-e2e.sh, which starts it)');
    return [];
  }
  const cluster = stack.crashLoopPod.cluster;
  let tree: ExplorerTree;
  let top: string[] = [];
  return [
    {
      name: 'upgrade: "Upgrade Readiness Report" on the cluster row opens the report with every section',
      async run({ wb, page, shot }) {
        tree = new ExplorerTree(page);
        if (!(await page.locator('.part.sidebar .pane-header, .part.sidebar .title', { hasText: /Wharf/i }).first().isVisible())) await tree.open();
        if (!(await page.locator('.statusbar-item', { hasText: ADMIN_PROFILE }).count())) {
          await wb.runCommand('Wharf: Choose AWS Profile…');
          await tree.quickPick(ADMIN_PROFILE);
          await page.locator('.statusbar-item', { hasText: ADMIN_PROFILE }).first().waitFor({ timeout: 10_000 });
        }
        top = (await tree.row(stack.region, 1).count()) ? [stack.region] : [];
        await tree.expand([...top, 'EKS']);
        const row = await tree.waitRow(cluster, top.length + 2);
        await tree.contextMenu(row, 'Upgrade Readiness Report');
        await page.locator('.tab.active', { hasText: 'upgrade-readiness.md' }).waitFor({ timeout: 60_000 });
        await wb.waitForEditorText(`# Upgrade readiness: ${cluster}`, 30_000);
        // The editor wraps long lines: compare with whitespace folded.
        const head = (await wb.editorText()).replace(/\s+/g, ' ');
        assert.match(head, /Kubernetes \*\*1\.33\*\* \(eks\.\d+\), next version \*\*1\.34\*\*/);
        assert.match(head, /\*\*\d+ blockers?\*\* to fix before upgrading to 1\.34/);
        for (const s of ['Version and support', 'Deprecated APIs in use', 'Custom resources stored in deprecated versions', 'Workspace manifests', 'EKS upgrade insights', 'Add-on compatibility', 'Nodes and Fargate']) {
          assert.match(head, new RegExp(`\\| ${s} \\| (\\*\\*Blocked\\*\\*|Warning|OK|Unknown) \\|`), `the summary lists ${s}`);
        }
        await shot('70-upgrade-report');
        // Monaco renders only the lines in view: find each line first (Ctrl+F scrolls to it), then read it. Tokens
        // without spaces: a wrapped line is split at a space, and the rendered lines join without one.
        const see = async (text: string) => {
          await scrollTo(page, text);
          await wb.waitForEditorText(text, 10_000);
        };
        await see('2026-07-29');
        await see('`resource.k8s.io/v1beta1`');
        await see('## Custom resources stored');
        await wb.waitForEditorText('2 ReportSchedule objects', 10_000);
        await shot('71-upgrade-apis-crds');
        await see('## Nodes and Fargate');
        await see('v1.31.9-eks-3025e55,');
        await shot('72-upgrade-skew');
      },
    },
    {
      name: 'upgrade: Ctrl+click on a node in the report reveals it in the tree; Export as Markdown saves the report',
      async run({ wb, page, shot }) {
        // The Nodes folder open, as a person looking at nodes has it; the link then selects the node's row.
        await tree.expand([...top, 'EKS', cluster, 'Kubernetes', 'Nodes']);
        await tree.waitRow('ip-10-0-2-44.ec2.internal', top.length + 5);
        await tree.collapse('Kubernetes', top.length + 3);
        // The lagging node's link label as the editor renders it: the span followed by "][n…]" (the same name also
        // shows in a code span, which is no link).
        await page.waitForFunction(`(() => {
          const spans = [...document.querySelectorAll('.editor-instance .view-lines span span')];
          const hit = spans.find((x) => x.textContent === 'ip-10-0-2-44.ec2.internal' && (x.nextElementSibling?.textContent ?? '').startsWith(']['));
          if (hit) hit.setAttribute('data-wharf-link', '1');
          return !!hit;
        })()`, undefined, { timeout: 10_000 });
        await page.locator('[data-wharf-link="1"]').first().click({ modifiers: ['Control'], force: true });
        const node = await tree.waitRow('ip-10-0-2-44.ec2.internal', undefined, 30_000);
        assert.equal(await node.getAttribute('aria-selected'), 'true');
        await shot('73-upgrade-link-revealed');
        await wb.runCommand('Wharf: Export as Markdown…');
        // code-server's save dialog is VS Code's simple file dialog: a quick input holding the suggested path.
        const input = page.locator('.quick-input-widget input').first();
        await input.waitFor({ timeout: 15_000 });
        // The dialog shows the folder first, then fills in the suggested name.
        await page.waitForFunction(
          `/${cluster}-upgrade-readiness-\\d{4}-\\d{2}-\\d{2}\\.md$/.test(document.querySelector('.quick-input-widget input')?.value ?? '')`,
          undefined,
          { timeout: 15_000 },
        );
        assert.match(await input.inputValue(), /\/workspace\//);
        await page.keyboard.press('Enter');
        await page.locator('.notification-toast', { hasText: /the report was saved to/ }).first().waitFor({ timeout: 15_000 });
        await shot('74-upgrade-exported');
        await page.locator('.notification-toast', { hasText: /the report was saved to/ }).first().locator('.monaco-button', { hasText: 'Open' }).click();
        await page.locator('.tab.active', { hasText: `${cluster}-upgrade-readiness-` }).waitFor({ timeout: 15_000 });
        const exported = await wb.editorText();
        assert.match(exported, new RegExp(`# Upgrade readiness: ${cluster}`));
        assert.doesNotMatch(exported, /command:wharf/);
        await tree.collapse('EKS', top.length + 1);
      },
    },
  ];
}
