// Cluster actions as a person takes them, against the demo estate of test/e2e/stack.ts: with wharf-admin, Scale… on
// the shop/cart Deployment (input box prefilled with the count, a modal naming namespace and cluster) and the row's
// READY column follows through the watch, no refresh; Restart Rollout… replaces its pods, and the new pod rows show;
// then with wharf-viewer (switched from the status bar) the same entries are disabled in the context menu (the
// SelfSubjectAccessReviews said no), the palette still runs Scale… through its pickers, and the refusal offers the
// access diagnosis, which names the viewer. Back to wharf-admin at the end. Screenshots: test-results/ui/4N-*.png.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { ADMIN_PROFILE, VIEWER_PROFILE, readE2eStack } from '../stack-info';
import { ExplorerTree } from './explorer-tree';
import type { Scenario } from './scenarios';

const NS = 'shop';
const DEPLOYMENT = 'cart';

/** The modal dialog's button (VS Code renders modals in the workbench, not natively, in the browser). */
async function dialogButton(page: Page, title: string): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 30_000 });
  await dialog.locator('.monaco-button', { hasText: new RegExp(`^${title}$`) }).first().click();
  await dialog.waitFor({ state: 'detached', timeout: 10_000 });
}

/** The quick input's text box: select what is there and type over it, then Enter. */
async function typeInput(page: Page, text: string): Promise<void> {
  await page.locator('.quick-input-widget input').first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Whether the context-menu entry `title` is shown disabled for `row` (the menu is closed again afterwards). */
async function menuEntryDisabled(page: Page, row: Locator, title: string): Promise<boolean> {
  await row.click({ button: 'right' });
  const item = page.locator('.context-view .monaco-menu .action-item', { hasText: title }).first();
  await item.waitFor({ timeout: 10_000 });
  const disabled = await item.evaluate((el: { classList: { contains(c: string): boolean } }) => el.classList.contains('disabled'));
  // A menu left open would swallow the next click: Escape until it is gone.
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Escape');
    if (await page.locator('.context-view .monaco-menu').waitFor({ state: 'detached', timeout: 3_000 }).then(() => true, () => false)) break;
  }
  return disabled;
}

/**
 * Runs a row's context-menu entry whose handler opens an input box or dialog titled for that row. On a busy machine
 * a watch event can re-render the list just as the entry is chosen, and VS Code then hands the command no element:
 * it falls back to the palette's pickers ("Wharf: …"). Close those and choose the entry again.
 */
async function rowAction(tree: ExplorerTree, page: Page, row: () => Promise<Locator>, title: string, expect: RegExp): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await tree.contextMenu(await row(), title);
    const own = page.locator('.quick-input-widget .quick-input-title, .monaco-dialog-box', { hasText: expect }).first();
    const picker = page.locator('.quick-input-widget .quick-input-title', { hasText: /^Wharf: / }).first();
    await Promise.race([own.waitFor({ timeout: 20_000 }), picker.waitFor({ timeout: 20_000 })]);
    if (await own.isVisible()) return;
    if (attempt === 2) throw new Error(`${title} opened the pickers instead of acting on the row`);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1000);
  }
}

export function actionsScenarios(): Scenario[] {
  const stack = readE2eStack();
  if (!stack) {
    console.log('  - actions scenarios skipped: no local AWS/Kubernetes stack (run through test/run-e2e.sh, which starts it)');
    return [];
  }
  let tree: ExplorerTree;
  // The tree's top: EKS directly, or under a Region row when an earlier scenario chose two Regions.
  let top: string[] = [];
  const cluster = stack.crashLoopPod.cluster;
  const toDeployments = () => [...top, 'EKS', cluster, 'Kubernetes', 'Namespaces', NS, 'Deployments'];
  const level = (n: number) => top.length + n;

  const switchProfile = async (page: Page, from: string, to: string) => {
    await tree.statusItem().click();
    await tree.quickPick(from, to);
    await page.locator('.statusbar-item', { hasText: to }).first().waitFor({ timeout: 10_000 });
  };

  return [
    {
      name: 'actions: Scale… on a Deployment with wharf-admin; the row\'s ready count follows without a refresh',
      async run({ wb, page, shot }) {
        tree = new ExplorerTree(page);
        if (!(await page.locator('.part.sidebar .pane-header, .part.sidebar .title', { hasText: /Wharf/i }).first().isVisible())) await tree.open();
        await wb.runCommand('Wharf: Choose AWS Profile…');
        await tree.quickPick(ADMIN_PROFILE);
        await page.locator('.statusbar-item', { hasText: ADMIN_PROFILE }).first().waitFor({ timeout: 10_000 });
        top = (await tree.row(stack.region, 1).count()) ? [stack.region] : [];
        await tree.expand(toDeployments());
        const row = await tree.waitRow(DEPLOYMENT, level(7));
        assert.match(await tree.description(row), /^2\/2/);
        await rowAction(tree, page, () => tree.waitRow(DEPLOYMENT, level(7)), 'Scale…', /Scale Deployment cart/);
        const input = page.locator('.quick-input-widget input').first();
        await input.waitFor({ timeout: 15_000 });
        // The box shows first and gets its value a moment later on a busy machine.
        for (let i = 0; i < 40 && (await input.inputValue()) === ''; i++) await page.waitForTimeout(250);
        assert.equal(await input.inputValue(), '2', 'the current count is prefilled');
        await page.keyboard.press('Control+A');
        await page.keyboard.type('-1');
        await page.locator('.quick-input-widget', { hasText: 'A whole number, 0 or more' }).first().waitFor({ timeout: 5_000 });
        await shot('40-scale-validation');
        await typeInput(page, '4');
        const dialog = page.locator('.monaco-dialog-box');
        await dialog.waitFor({ timeout: 15_000 });
        const text = (await dialog.innerText()).replace(/\s+/g, ' ');
        assert.match(text, new RegExp(`Scale Deployment ${DEPLOYMENT} from 2 to 4 replicas in namespace ${NS} of cluster ${cluster} \\(${stack.region}, profile ${ADMIN_PROFILE}\\)`));
        await shot('41-scale-confirm');
        await dialogButton(page, 'Scale');
        // The namespace's Deployments list is watched: the row goes to x/4, then 4/4 as kwok runs the new pods.
        await page.locator('.part.sidebar .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${DEPLOYMENT}$`) }) }).filter({ has: page.locator('.label-description', { hasText: /^4\/4/ }) }).first().waitFor({ timeout: 60_000 });
        await shot('42-scaled');
        // checkout has an HPA (2-8) in the demo: Scale… names it, and asking for more than its maximum says what it will do.
        await rowAction(tree, page, () => tree.waitRow('checkout', level(7)), 'Scale…', /Scale Deployment checkout/);
        await page.locator('.quick-input-widget', { hasText: /HorizontalPodAutoscaler checkout manages it \(2-8\)/ }).first().waitFor({ timeout: 15_000 });
        await typeInput(page, '10');
        const hpaDialog = page.locator('.monaco-dialog-box');
        await hpaDialog.waitFor({ timeout: 15_000 });
        assert.match((await hpaDialog.innerText()).replace(/\s+/g, ' '), /HorizontalPodAutoscaler checkout keeps this Deployment between 2 and 8 replicas: it will set the count back into that range/);
        await shot('42b-scale-hpa');
        await dialogButton(page, 'Cancel');
      },
    },
    {
      name: 'actions: Restart Rollout… replaces the Deployment\'s pods; the new pod rows show',
      async run({ page, shot }) {
        const row = await tree.waitRow(DEPLOYMENT, level(7));
        await tree.expand([DEPLOYMENT], level(7));
        await tree.waitRow(new RegExp(`^${DEPLOYMENT}-`), level(8), 60_000);
        const before = new Set(await page.locator(`.part.sidebar .monaco-list-row[aria-level="${level(8)}"] .label-name`).allTextContents());
        await rowAction(tree, page, async () => row, 'Restart Rollout…', /Restart the rollout/);
        const dialog = page.locator('.monaco-dialog-box');
        await dialog.waitFor({ timeout: 15_000 });
        assert.match((await dialog.innerText()).replace(/\s+/g, ' '), new RegExp(`Restart the rollout of Deployment ${DEPLOYMENT} in namespace ${NS} of cluster ${cluster}`));
        await dialogButton(page, 'Restart');
        // New pods from a new ReplicaSet: every pod row under the Deployment is one that was not there before.
        await page.waitForFunction(
          `(() => {
            const before = new Set(${JSON.stringify([...before])});
            const names = [...document.querySelectorAll('.part.sidebar .monaco-list-row[aria-level="${level(8)}"] .label-name')].map((x) => x.textContent);
            const running = [...document.querySelectorAll('.part.sidebar .monaco-list-row[aria-level="${level(8)}"]')].filter((r) => / Running|^Running/.test(r.querySelector('.label-description')?.textContent ?? ''));
            return names.length === 4 && names.every((n) => !before.has(n)) && running.length === 4;
          })()`,
          undefined,
          { timeout: 90_000 },
        );
        await shot('43-restarted');
      },
    },
    {
      name: 'actions: Delete Pod… on a pod of the Deployment: the dialog offers Delete Now too; the row goes and a replacement shows',
      async run({ page, shot }) {
        const podRows = () => page.locator(`.part.sidebar .monaco-list-row[aria-level="${level(8)}"] .label-name`).allTextContents();
        const victim = (await podRows()).find((n) => n.startsWith(`${DEPLOYMENT}-`))!;
        await rowAction(tree, page, () => tree.waitRow(victim, level(8)), 'Delete Pod…', new RegExp(`Delete pod ${victim}`));
        const dialog = page.locator('.monaco-dialog-box');
        const text = (await dialog.innerText()).replace(/\s+/g, ' ');
        assert.match(text, new RegExp(`Delete pod ${victim} in namespace ${NS} of cluster ${cluster}`));
        assert.match(text, /Its ReplicaSet cart-\w+ makes a replacement/);
        assert.equal(await dialog.locator('.monaco-button', { hasText: /^Delete Now$/ }).count(), 1);
        await shot('43b-delete-pod-confirm');
        await dialogButton(page, 'Delete');
        await page.waitForFunction(
          `(() => {
            const names = [...document.querySelectorAll('.part.sidebar .monaco-list-row[aria-level="${level(8)}"] .label-name')].map((x) => x.textContent);
            return names.length === 4 && !names.includes(${JSON.stringify(victim)});
          })()`,
          undefined,
          { timeout: 60_000 },
        );
        await shot('43c-pod-replaced');
        await tree.collapse(DEPLOYMENT, level(7));
      },
    },
    {
      name: 'actions: with wharf-viewer the entries are disabled; the palette still runs Scale… and the refusal offers the diagnosis',
      async run({ wb, page, shot }) {
        await switchProfile(page, ADMIN_PROFILE, VIEWER_PROFILE);
        await tree.expand(toDeployments());
        const row = await tree.waitRow(DEPLOYMENT, level(7));
        // The rows re-render once the SelfSubjectAccessReviews answer (a fraction of a second after the list shows).
        let disabled = false;
        for (let i = 0; i < 10 && !disabled; i++) {
          disabled = await menuEntryDisabled(page, row, 'Scale…');
          if (!disabled) await page.waitForTimeout(1000);
        }
        assert.ok(disabled, 'Scale… is disabled for the viewer');
        assert.ok(await menuEntryDisabled(page, row, 'Restart Rollout…'), 'Restart Rollout… is disabled for the viewer');
        await tree.expand([DEPLOYMENT], level(7));
        assert.ok(await menuEntryDisabled(page, await tree.waitRow(new RegExp(`^${DEPLOYMENT}-`), level(8), 60_000), 'Delete Pod…'), 'Delete Pod… is disabled for the viewer');
        await tree.collapse(DEPLOYMENT, level(7));
        await row.click({ button: 'right' });
        await page.locator('.context-view .monaco-menu .action-item.disabled', { hasText: 'Scale…' }).first().waitFor({ timeout: 5_000 });
        await shot('44-viewer-disabled');
        await page.keyboard.press('Escape');
        // The palette is not disabled by the rows' flags: pick the cluster, namespace and Deployment, and try.
        await wb.runCommand('Wharf: Scale…');
        if (stack.eks.filter((e) => e.region === stack.region).length > 1) await tree.quickPick(cluster);
        await tree.quickPick(NS);
        await tree.quickPick(DEPLOYMENT);
        await typeInput(page, '5');
        await dialogButton(page, 'Scale');
        const toast = page.locator('.notifications-toasts .notification-toast', { hasText: /Scaling failed: the cluster denied it \(403: patch deployments\/scale in shop\)/ }).first();
        await toast.waitFor({ timeout: 20_000 });
        // The progress notification fades out as the error one comes in.
        await page.locator('.notifications-toasts .notification-toast', { hasText: 'Scaling cart to 5' }).waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
        await page.waitForTimeout(500);
        await shot('45-viewer-refused');
        await toast.locator('.monaco-button', { hasText: 'Show Access Diagnosis' }).first().click();
        await page.locator('.tab.active', { hasText: 'access-diagnosis.md' }).waitFor({ timeout: 30_000 });
        const text = await tree.previewText(/patch/);
        assert.match(text, /arn:aws:iam::123456789012:user\/wharf-viewer/);
        assert.match(text, /AmazonEKSEditPolicy/);
        await shot('46-viewer-diagnosis');
        // The diagnosis's "Copy Command" notification would cover the later screenshots.
        await wb.runCommand('Notifications: Clear All Notifications');
      },
    },
    {
      name: 'actions: back to wharf-admin; Scale… returns cart to 2 and the entries are enabled again',
      async run({ page, shot }) {
        await switchProfile(page, VIEWER_PROFILE, ADMIN_PROFILE);
        await tree.expand(toDeployments());
        // The viewer's rows stay on screen until the tree has reloaded for the admin: wait for the admin's row.
        let enabled = false;
        for (let i = 0; i < 10 && !enabled; i++) {
          enabled = !(await menuEntryDisabled(page, await tree.waitRow(DEPLOYMENT, level(7)), 'Scale…'));
          if (!enabled) await page.waitForTimeout(1000);
        }
        assert.ok(enabled, 'Scale… is enabled again for the admin');
        await rowAction(tree, page, () => tree.waitRow(DEPLOYMENT, level(7)), 'Scale…', /Scale Deployment cart/);
        const input = page.locator('.quick-input-widget input').first();
        await input.waitFor({ timeout: 15_000 });
        for (let i = 0; i < 40 && (await input.inputValue()) === ''; i++) await page.waitForTimeout(250);
        // Back to the seeded count (unless an earlier step left it there: then the box is closed unchanged).
        if ((await input.inputValue()) === '2') await page.keyboard.press('Escape');
        else {
          await typeInput(page, '2');
          await dialogButton(page, 'Scale');
        }
        await page.locator('.part.sidebar .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${DEPLOYMENT}$`) }) }).filter({ has: page.locator('.label-description', { hasText: /^2\/2/ }) }).first().waitFor({ timeout: 60_000 });
        await shot('47-admin-again');
        await tree.collapse('EKS', level(1));
      },
    },
    {
      name: 'actions: ECS Set Desired Count… and Force New Deployment… on a service; its row shows the change without a refresh',
      async run({ page, shot }) {
        if (!(await page.locator('.part.sidebar .pane-header, .part.sidebar .title', { hasText: /Wharf/i }).first().isVisible())) await tree.open();
        const ecs = stack.ecs.find((c) => c.region === stack.region)!;
        const svc = ecs.services.find((x) => x.deploymentController === 'ECS')!;
        await tree.expand([...top, 'ECS', ecs.name]);
        const row = await tree.waitRow(svc.name, level(3));
        const desc = await tree.description(row);
        // running/desired; moto reports as many running as desired, ECS would catch up over a minute.
        const desired = Number(/^\d+\/(\d+)/.exec(desc)?.[1]);
        assert.ok(desired >= 0, desc);
        const serviceRow = (text: RegExp) => page.locator(`.part.sidebar .monaco-list-row[aria-level="${level(3)}"]`, { has: page.locator('.label-name', { hasText: new RegExp(`^${svc.name}$`) }) }).filter({ has: page.locator('.label-description', { hasText: text }) }).first();
        await rowAction(tree, page, async () => row, 'Set Desired Count…', new RegExp(`Desired count of ${svc.name}`));
        const box = page.locator('.quick-input-widget input').first();
        await box.waitFor({ timeout: 15_000 });
        for (let i = 0; i < 40 && (await box.inputValue()) === ''; i++) await page.waitForTimeout(250);
        assert.equal(await box.inputValue(), String(desired));
        await typeInput(page, String(desired + 1));
        const dialog = page.locator('.monaco-dialog-box');
        await dialog.waitFor({ timeout: 15_000 });
        assert.match((await dialog.innerText()).replace(/\s+/g, ' '), new RegExp(`Set the desired count of service ${svc.name} from ${desired} to ${desired + 1} in ECS cluster ${ecs.name} \\(${stack.region}, profile ${ADMIN_PROFILE}\\)`));
        await dialogButton(page, 'Set Desired Count');
        await serviceRow(new RegExp(`^\\d+/${desired + 1}\\b`)).waitFor({ timeout: 30_000 });
        await shot('48-ecs-desired-count');
        await rowAction(tree, page, () => tree.waitRow(svc.name, level(3)), 'Force New Deployment…', /Force a new deployment/);
        await dialogButton(page, 'Deploy');
        // ECS lists the new deployment next to the old one until it drains (the stand-in shows it so for 20 s).
        await serviceRow(/rolling out/).waitFor({ timeout: 30_000 });
        await shot('49-ecs-rolling-out');
        // Back to the seeded count.
        await rowAction(tree, page, () => tree.waitRow(svc.name, level(3)), 'Set Desired Count…', new RegExp(`Desired count of ${svc.name}`));
        await typeInput(page, String(desired));
        await dialogButton(page, 'Set Desired Count');
        await serviceRow(new RegExp(`^\\d+/${desired}\\b`)).waitFor({ timeout: 30_000 });
        await tree.collapse('ECS', level(1));
      },
    },
  ];
}
