// The tree's "Scan Results" group: scans newest first, findings grouped by rule (errors first, then by count), one
// row per finding that opens the live document at its line, and a cap on rows per rule.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScanResultsNode, type ScanEntry, type ScanFindingEntry } from '../../../src/views/nodes/scan-results';
import { FakeBackend, signal as abortSignal, treeContext } from './fakes';

const open = (line: number) => ({ command: 'wharf.scan.openFinding', title: 'Open the finding', arguments: ['wharf-scan:/prod/shop/deployments/cart.yaml?k', line] });
const finding = (ruleId: string, severity: ScanFindingEntry['severity'], object: string, line: number): ScanFindingEntry => ({ ruleId, severity, message: `${ruleId} on ${object}`, object, line, open: open(line) });

function scan(findings: ScanFindingEntry[]): ScanEntry {
  return { key: 'us-east-1/prod/shop', label: 'prod/shop', region: 'us-east-1', startedAt: new Date(Date.now() - 90_000), objects: 12, findings, open: { command: 'vscode.open', title: 'Open the scan summary', arguments: [] } };
}

describe('scan results tree rows', () => {
  const ctx = treeContext(new FakeBackend());

  it('groups a scan\'s findings by rule, errors first, and opens each finding at its line', async () => {
    const s = scan([
      finding('replicas-min', 'warning', 'Deployment shop/cart', 11),
      finding('replicas-min', 'warning', 'Deployment shop/web', 9),
      finding('no-privileged', 'error', 'Deployment shop/cart', 30),
      finding('network-policy', 'info', 'Namespace shop', 1),
    ]);
    const root = new ScanResultsNode(ctx, { scans: () => [s] });
    assert.equal(root.treeItem().label, 'Scan Results');
    assert.equal(root.treeItem().description, '4 findings');
    const [scanRow] = await root.children!(abortSignal());
    const v = scanRow.treeItem();
    assert.equal(v.label, 'prod/shop');
    assert.match(v.description!, /^4 findings · 12 objects · \d+[smhd] ago$/);
    assert.equal(v.command?.command, 'vscode.open');
    assert.deepEqual(v.icon, { codicon: 'error', color: 'errorForeground' });
    const rules = await scanRow.children!(abortSignal());
    assert.deepEqual(rules.map((r) => [r.treeItem().label, r.treeItem().description]), [['no-privileged', '1 finding'], ['replicas-min', '2 findings'], ['network-policy', '1 finding']]);
    const rows = await rules[1].children!(abortSignal());
    assert.deepEqual(rows.map((r) => [r.treeItem().label, r.treeItem().description]), [['Deployment shop/cart', 'line 11'], ['Deployment shop/web', 'line 9']]);
    assert.deepEqual(rows[1].treeItem().command, open(9));
    assert.equal(new Set([...rules, ...rows].map((n) => n.id)).size, 5, 'ids are unique');
  });

  it('caps the rows of a rule that fires everywhere', async () => {
    const many = Array.from({ length: 250 }, (_, i) => finding('replicas-min', 'warning', `Deployment shop/d${i}`, 11));
    const [scanRow] = await new ScanResultsNode(ctx, { scans: () => [scan(many)] }).children!(abortSignal());
    const [rule] = await scanRow.children!(abortSignal());
    const rows = await rule.children!(abortSignal());
    assert.equal(rows.length, 201);
    assert.equal(rows[200].treeItem().label, '50 more');
  });

  it('a scan with no findings is a leaf with a pass icon', () => {
    const root = new ScanResultsNode(ctx, { scans: () => [scan([])] });
    return root.children!(abortSignal()).then(([row]) => {
      assert.equal(row.treeItem().collapsible, 'none');
      assert.equal(row.treeItem().description?.startsWith('0 findings'), true);
    });
  });
});
