// Port-forward as a person uses it, against the demo estate of test/e2e/stack.ts: right-click a storefront pod ->
// Port Forward…, pick the container port, accept the local port; then this test process (not the extension) makes an
// HTTP request to that local port and gets the demo web server's page, which only the chain VS Code -> local API
// server -> kwok's ClusterPortForward -> demo-web.ts can produce. The status bar and the tree's "Port Forwards" group
// list it; its inline Stop button ends it and frees the port. Screenshots: test-results/ui/3N-*.png.
import * as assert from 'node:assert/strict';
import { DEMO_WEB_MARKER } from '../../env/demo-web';
import { ADMIN_PROFILE, readE2eStack } from '../stack-info';
import { ExplorerTree } from './explorer-tree';
import type { Scenario } from './scenarios';

async function httpGet(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(15_000) });
  return res.text();
}

export function portForwardScenarios(): Scenario[] {
  const stack = readE2eStack();
  if (!stack) {
    console.log('  - port-forward scenarios skipped: no local AWS/Kubernetes stack (run through test/run-e2e.sh, which starts it)');
    return [];
  }
  let tree: ExplorerTree;
  let localPort = 0;
  // The tree's top: EKS directly, or under a Region row when an earlier scenario chose two Regions.
  let top: string[] = [];
  return [
    {
      name: 'Port Forward… on a storefront pod: an HTTP GET on the local port gets the demo web page',
      async run({ wb, page, shot }) {
        tree = new ExplorerTree(page);
        if (!(await page.locator('.part.sidebar .pane-header, .part.sidebar .title', { hasText: /Wharf/i }).first().isVisible())) await tree.open();
        await wb.runCommand('Wharf: Choose AWS Profile…');
        await tree.quickPick(ADMIN_PROFILE);
        await page.locator('.statusbar-item', { hasText: ADMIN_PROFILE }).first().waitFor({ timeout: 10_000 });
        top = (await tree.row(stack.region, 1).count()) ? [stack.region] : [];
        await tree.expand([...top, 'EKS', stack.crashLoopPod.cluster, 'Kubernetes', 'Namespaces', 'shop', 'Deployments', 'storefront']);
        const pod = await tree.waitRow(/^storefront-/, top.length + 8);
        await tree.contextMenu(pod, 'Port Forward…');
        // The container ports the pod declares, then the local port (the same number when free).
        await tree.quickPick('container app', '8080');
        const input = page.locator('.quick-input-widget input').first();
        await page.locator('.quick-input-widget', { hasText: /local port/i }).first().waitFor({ timeout: 10_000 });
        const suggested = await input.inputValue();
        assert.match(suggested, /^(8080|0)$/);
        await shot('30-port-forward-local-port');
        await page.keyboard.press('Enter');
        const row = await tree.waitRow(/^localhost:\d+$/, 2, 30_000);
        localPort = Number(/\d+$/.exec((await row.locator('.label-name').textContent()) ?? '')?.[0]);
        if (suggested === '8080') assert.equal(localPort, 8080);
        assert.match(await tree.description(row), /→ pod\/storefront-.* in shop port 8080/);
        await tree.waitRow('Port Forwards', 1);
        const body = await httpGet(localPort);
        assert.match(body, new RegExp(DEMO_WEB_MARKER));
        await shot('31-port-forward-tree');
      },
    },
    {
      name: 'the status bar counts the forward and lists it; the row\'s Stop button ends it and frees the port',
      async run({ wb, page, shot }) {
        const item = page.locator('.statusbar-item', { has: page.locator('[aria-label*="1 port forward running"]') }).first();
        await item.waitFor({ timeout: 10_000 });
        await item.click();
        await page.locator('.quick-input-widget .monaco-list-row', { hasText: `localhost:${localPort}` }).first().waitFor({ timeout: 10_000 });
        await shot('32-port-forward-list');
        await page.keyboard.press('Escape');
        const row = await tree.waitRow(`localhost:${localPort}`, 2);
        await row.hover();
        // Port 8080 looks like a web server's: the row offers Open in Browser next to Stop.
        await row.locator('.action-label[aria-label*="Open Port Forward in Browser"]').first().waitFor({ timeout: 5_000 });
        await row.locator('.action-label[aria-label*="Stop Port Forward"]').first().click();
        await tree.row('Port Forwards', 1).waitFor({ state: 'detached', timeout: 10_000 });
        await item.waitFor({ state: 'hidden', timeout: 10_000 });
        await assert.rejects(httpGet(localPort), /fetch failed/);
        await shot('33-port-forward-stopped');
        // Leave the workbench as found: the start notification (with its Stop button) would outlive the forward.
        await wb.runCommand('Notifications: Clear All Notifications');
        await tree.collapse(top[0] ?? 'EKS', 1);
      },
    },
    {
      name: 'from the palette: Port Forward… to a Service maps port 80 to its pods\' 8080; Stop Port Forward picks it',
      async run({ wb, page, shot }) {
        await wb.runCommand('Wharf: Port Forward…');
        // Each step by clicking its row (by exact label), after the step's placeholder shows: the lists load from the
        // servers, and a keystroke typed while one list replaces the next would land in the wrong one.
        const step = async (placeholder: RegExp, label: string) => {
          const widget = page.locator('.quick-input-widget', { has: page.locator(`input[placeholder]`) });
          await page.waitForFunction(`(() => /${placeholder.source}/.test(document.querySelector('.quick-input-widget input')?.getAttribute('placeholder') ?? ''))()`, undefined, { timeout: 30_000 });
          const row = widget.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${label}\\s*$`) }) }).first();
          await row.waitFor({ timeout: 20_000 });
          await row.click();
        };
        await step(/Forward a local port to/, 'Service');
        // One list of the clusters of every profile and Region the view shows.
        await step(/EKS cluster/, stack.crashLoopPod.cluster);
        await step(/Namespace in/, 'shop');
        await step(/Service in shop/, 'storefront');
        await step(/Which port of the Service/, '80');
        await page.locator('.quick-input-widget', { hasText: /local port/i }).first().waitFor({ timeout: 10_000 });
        await page.keyboard.press('Enter');
        const row = await tree.waitRow(/^localhost:\d+$/, 2, 30_000);
        const port = Number(/\d+$/.exec((await row.locator('.label-name').textContent()) ?? '')?.[0]);
        assert.match(await tree.description(row), /→ service\/storefront in shop port 80 · pod storefront-/);
        assert.match(await httpGet(port), new RegExp(DEMO_WEB_MARKER));
        await shot('34-port-forward-service');
        await wb.runCommand('Wharf: Stop Port Forward');
        await tree.quickPick(`localhost:${port}`);
        await tree.row('Port Forwards', 1).waitFor({ state: 'detached', timeout: 10_000 });
        await assert.rejects(httpGet(port), /fetch failed/);
        await wb.runCommand('Notifications: Clear All Notifications');
        await tree.collapse(top[0] ?? 'EKS', 1);
      },
    },
  ];
}
