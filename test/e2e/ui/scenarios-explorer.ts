// The explorer as a person uses it, against the local AWS and Kubernetes clusters of test/e2e/stack.ts (seeded as the
// demo is): open the Wharf view, pick a profile, browse to a Running pod and its containers, an ECS task and its
// containers, a blue/green service's task sets, then switch to the read-only profile and open the 403 diagnosis.
// Screenshots: test-results/ui/1N-*.png. Run after the linter's scenarios, in the same workbench.
import * as assert from 'node:assert/strict';
import { readE2eStack } from '../stack-info';
import { ExplorerTree } from './explorer-tree';
import type { Scenario } from './scenarios';

/** ECS task ids: 32 hex digits on AWS, a UUID in the emulator. */
const TASK_ID = /^[0-9a-f]{32}$|^[0-9a-f]{8}-[0-9a-f-]{27}$/;

export function explorerScenarios(): Scenario[] {
  const stack = readE2eStack();
  if (!stack) {
    console.log('  - explorer scenarios skipped: no local AWS/Kubernetes stack (run through test/run-e2e.sh, which starts it)');
    return [];
  }
  let tree: ExplorerTree;
  return [
    {
      name: 'the Wharf view opens from the activity bar; without a profile, EKS says there are no credentials',
      async run({ page, shot }) {
        tree = new ExplorerTree(page);
        await tree.open();
        assert.match((await tree.statusItem().textContent()) ?? '', /default credentials/);
        await tree.expand(['EKS']);
        const err = await tree.waitRow(/credentials/i, 2);
        assert.equal(await tree.icon(err), 'codicon-error');
        await shot('10-explorer-no-credentials');
        await tree.collapse('EKS', 1);
      },
    },
    {
      name: 'Wharf: Choose AWS Profile… lists the profiles; picking wharf-admin updates the status bar and the tree at once',
      async run({ wb, page, shot }) {
        await wb.runCommand('Wharf: Choose AWS Profile…');
        await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'wharf-viewer' }).first().waitFor({ timeout: 20_000 });
        await shot('11-profile-picker');
        await tree.quickPick('wharf-viewer', 'wharf-admin');
        await page.locator('.statusbar-item', { hasText: 'wharf-admin' }).first().waitFor({ timeout: 10_000 });
        await tree.expand(['EKS']);
        for (const c of stack.eks.filter((e) => e.region === stack.region)) await tree.waitRow(c.name, 2);
      },
    },
    {
      name: 'EKS: browse to a Running pod of a Deployment and its containers',
      async run({ shot }) {
        const cluster = stack.crashLoopPod.cluster;
        await tree.expand(['EKS', cluster, 'Kubernetes', 'Namespaces', 'shop', 'Deployments', 'storefront']);
        const pod = await tree.waitRow(/^storefront-/, 8);
        assert.match(await tree.description(pod), /Running/);
        await pod.click();
        const container = await tree.waitRow('app', 9);
        assert.match(await tree.description(container), /nginx/);
        await shot('12-running-pod');
      },
    },
    {
      name: 'Open Shell on the pod\'s container: a terminal over the API server\'s exec, echo comes back',
      async run({ page, shot }) {
        const container = await tree.waitRow('app', 9);
        await tree.contextMenu(container, 'Open Shell');
        await page.locator('.terminal-tab, .single-terminal-tab', { hasText: /storefront-.*\/app/ }).first().waitFor({ timeout: 20_000 });
        await tree.terminalRun('echo wharf-$((40+2))', /wharf-42/);
        await shot('12b-pod-shell');
        await page.keyboard.press('Control+d');
      },
    },
    {
      name: 'Open Logs on the pod, then on its Deployment: lines in read-only tabs that follow, the workload\'s prefixed by pod',
      async run({ wb, page, shot }) {
        const pod = await tree.waitRow(/^storefront-/, 8);
        await tree.contextMenu(pod, 'Open Logs');
        await page.locator('.tab.active', { hasText: /storefront-/ }).waitFor({ timeout: 20_000 });
        await wb.waitForEditorText('served in', 30_000);
        assert.match(await wb.editorText(), /following/);
        await shot('12c-pod-logs');
        // The workload's logs: every pod, interleaved in time order, each line prefixed pod/container.
        await tree.contextMenu(await tree.waitRow('storefront', 7), 'Open Logs');
        await page.locator('.tab.active', { hasText: /deployment\.storefront/ }).waitFor({ timeout: 20_000 });
        await wb.waitForEditorText('/app | ', 30_000);
        await shot('12d-workload-logs');
        // Filter the tab (hidden lines are kept), then stop following: the header says so.
        await wb.runCommand('Wharf: Filter Log…');
        await page.locator('.quick-input-widget input').first().waitFor({ timeout: 10_000 });
        await page.keyboard.type('request 20 ');
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'any level' }).first().waitFor({ timeout: 10_000 });
        await page.keyboard.press('Enter');
        await wb.waitForEditorText('hidden by filter', 20_000);
        assert.doesNotMatch(await wb.editorText(), /request 19 served/);
        assert.match(await wb.editorText(), /request 20 served/);
        await wb.runCommand('Wharf: Stop Following');
        await wb.waitForEditorText('stopped', 20_000);
        await shot('12e-filtered-logs');
      },
    },
    {
      name: 'View YAML and Describe open the pod as read-only documents',
      async run({ wb, page, shot }) {
        const pod = await tree.waitRow(/^storefront-/, 8);
        await tree.contextMenu(pod, 'View YAML');
        await page.locator('.tab.active', { hasText: /storefront-.*\.yaml/ }).waitFor({ timeout: 20_000 });
        await wb.waitForEditorText('kind: Pod', 20_000);
        assert.doesNotMatch(await wb.editorText(), /managedFields/);
        await shot('13-pod-yaml');
        await tree.contextMenu(pod, 'Describe');
        await page.locator('.tab.active', { hasText: /Preview .*\.describe\.md/ }).waitFor({ timeout: 20_000 });
        await tree.previewText(/Events|Conditions/);
        await shot('14-pod-describe');
        // Editors stay open: the linter's scenarios before these leave a modified file, and closing it would ask.
        await tree.collapse('EKS', 1);
      },
    },
    {
      name: 'ECS: browse to a task of a service and its containers; a shell and the logs of the task',
      async run({ wb, shot }) {
        const svc = stack.ecs.find((c) => c.region === stack.region)!;
        const rolling = svc.services.find((s) => s.deploymentController === 'ECS')!;
        await tree.expand(['ECS', svc.name, rolling.name]);
        const task = await tree.waitRow(TASK_ID, 4);
        assert.match(await tree.description(task), /RUNNING/i);
        await task.click();
        const container = await tree.waitRow(/./, 5);
        await shot('15-ecs-task');
        // ECS Exec spoken natively: ExecuteCommand on the local AWS, then the data channel to the test SSM agent.
        await tree.contextMenu(container, 'Open Shell');
        await tree.terminalRun('echo ecs-$((40+2))', /ecs-42/);
        await shot('15b-ecs-shell');
        // The task's awslogs stream from CloudWatch Logs, in a tab.
        await tree.contextMenu(task, 'Open Logs');
        await wb.waitForEditorText('GET /', 30_000);
        await shot('15c-ecs-logs');
        await tree.collapse(rolling.name, 3);
      },
    },
    {
      name: 'ECS: a blue/green (EXTERNAL) service shows its task sets',
      async run({ shot }) {
        const svc = stack.ecs.find((c) => c.region === stack.region)!;
        const bg = svc.services.find((s) => s.deploymentController === 'EXTERNAL')!;
        await tree.expand(['ECS', svc.name, bg.name]);
        const blue = await tree.waitRow('blue', 4);
        const green = await tree.waitRow('green', 4);
        assert.match(await tree.description(blue), /PRIMARY/);
        assert.match(await tree.description(green), /ACTIVE/);
        await shot('16-task-sets');
        await tree.collapse('ECS', 1);
      },
    },
    {
      name: 'switching to wharf-viewer from the status bar: Secrets answer 403, and the error row opens the access diagnosis',
      async run({ page, shot }) {
        await tree.statusItem().click();
        await tree.quickPick('wharf-admin', 'wharf-viewer');
        await page.locator('.statusbar-item', { hasText: 'wharf-viewer' }).first().waitFor({ timeout: 10_000 });
        // The `view` role reads workloads but not Secrets: that list is refused.
        await tree.expand(['EKS', stack.crashLoopPod.cluster, 'Kubernetes', 'Namespaces', 'shop', 'Deployments']);
        await tree.waitRow('storefront', 7);
        await tree.collapse('Deployments', 6);
        await tree.expand(['Secrets'], 6);
        const denied = await tree.waitRow(/^Forbidden/, 7);
        assert.equal(await tree.icon(denied), 'codicon-error');
        await shot('17-forbidden');
        await denied.click();
        await page.locator('.tab.active', { hasText: 'access-diagnosis.md' }).waitFor({ timeout: 30_000 });
        const text = await tree.previewText(/aws eks/);
        assert.match(text, /arn:aws:iam::123456789012:user\/wharf-viewer/);
        const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Copy Command' }).first();
        await toast.waitFor({ timeout: 10_000 });
        await shot('18-diagnosis');
      },
    },
    {
      name: 'Go to… finds a loaded workload by name and selects its row',
      async run({ wb, page }) {
        await wb.runCommand('Wharf: Go to Cluster, Service, Workload or Pod…');
        // Its quick pick opens once the command has read what the tree loaded: type only when it is there.
        await page.locator('.quick-input-widget input[placeholder^="Type a name"]').first().waitFor({ state: 'visible', timeout: 15_000 });
        await page.keyboard.type('storefront');
        // The Deployment's row (loaded rows come first; a Service of that name may be found on the server below).
        const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: /Deployment|3\/3/ }).filter({ has: page.locator('.label-name', { hasText: /(^|\s)storefront$/ }) }).first();
        await row.waitFor({ timeout: 15_000 });
        await row.click();
        await page.locator('.part.sidebar .monaco-list-row.selected', { hasText: 'storefront' }).first().waitFor({ timeout: 15_000 });
      },
    },
    {
      name: 'from the palette: Open Logs picks an ECS service, Open Shell picks a pod container, step by step',
      async run({ wb, page, shot }) {
        // The scenario before this one left the read-only profile on, which may not open a shell.
        await tree.statusItem().click();
        await tree.quickPick('wharf-viewer', 'wharf-admin');
        await page.locator('.statusbar-item', { hasText: 'wharf-admin' }).first().waitFor({ timeout: 10_000 });
        // Logs of every task of a service, interleaved and prefixed by task and container.
        await wb.runCommand('Wharf: Open Logs');
        await tree.quickPick('Workload', 'ECS service');
        // One ECS cluster in the Region: it is taken without asking; then the service.
        await tree.quickPick('checkout-payments', 'checkout-api');
        await page.locator('.tab.active', { hasText: 'service.checkout-api' }).waitFor({ timeout: 30_000 });
        await wb.waitForEditorText('GET /', 30_000);
        assert.match(await wb.editorText(), /tasks? of the service/);
        await shot('15d-palette-service-logs');
        // A shell through the pickers: kind, cluster, namespace, pod (the pod has one container).
        await wb.runCommand('Wharf: Open Shell');
        await tree.quickPick('ECS task container', 'Pod container');
        await tree.quickPick(stack.crashLoopPod.cluster);
        await tree.quickPick('shop');
        await tree.quickPick('storefront-');
        await tree.terminalRun('echo palette-$((6*7))', /palette-42/);
        await shot('15e-palette-shell');
        // A task run without exec: the preflight says so before ExecuteCommand, in words that say what to do.
        await wb.runCommand('Wharf: Open Shell');
        await tree.quickPick('Pod container', 'ECS task container');
        await tree.quickPick('checkout-api', 'standalone');
        const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'cannot open a shell in' }).first();
        await toast.waitFor({ timeout: 15_000 });
        assert.match((await toast.textContent()) ?? '', /enableExecuteCommand|not RUNNING/);
        await shot('15f-exec-preflight');
        await page.keyboard.press('Escape');
        // Focus back in the editor: keys typed next must not reach the shell.
        await wb.focusEditor();
      },
    },
    {
      name: 'Choose AWS Regions… with two Regions: the tree gains a Region level and the status bar names both',
      async run({ wb, page, shot }) {
        await wb.runCommand('Wharf: Choose AWS Regions…');
        const list = page.locator('.quick-input-widget .quick-input-list');
        for (const r of ['us-east-1', 'eu-west-1']) {
          // The list is virtualised: filter to the Region, tick it, and go back to the input for the next one.
          await page.locator('.quick-input-widget .quick-input-box input').click();
          await page.keyboard.press('Control+A');
          await page.keyboard.type(r);
          await list.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${r}$`) }) }).first().click();
        }
        await shot('19-region-picker');
        await page.locator('.quick-input-widget .quick-input-action a, .quick-input-widget .quick-input-action .monaco-button', { hasText: 'OK' }).first().click();
        await page.locator('.statusbar-item', { hasText: 'us-east-1, eu-west-1' }).first().waitFor({ timeout: 10_000 });
        await tree.waitRow('us-east-1', 1);
        await tree.waitRow('eu-west-1', 1);
        await tree.expand(['eu-west-1', 'EKS']);
        await tree.waitRow('data-legacy', 3);
        await shot('20-two-regions');
      },
    },
  ];
}
