// package.json is the extension's manifest: its commands, settings and activation must match the code.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { allRules } from '../../src/lint/rules';
import { contextValue } from '../../src/views/present';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

it('declares exactly the commands of the command table', () => {
  const table = fs.readFileSync(path.join(root, 'src/commands/index.ts'), 'utf8');
  const ids = [...table.matchAll(/^\s*'(wharf\.[\w.]+)':/gm)].map((m) => m[1]).sort();
  assert.deepEqual(pkg.contributes.commands.map((c: { command: string }) => c.command).sort(), ids);
});

it('activates narrowly: never at startup', () => {
  for (const e of pkg.activationEvents) assert.ok(e !== '*' && e !== 'onStartupFinished', e);
  assert.ok(pkg.activationEvents.includes('onLanguage:yaml'));
});

it('lists every rule in the wharf.lint.rules setting schema', () => {
  const props = pkg.contributes.configuration.properties['wharf.lint.rules'].properties;
  assert.deepEqual(Object.keys(props).sort(), allRules.map((r) => r.meta.id).sort());
});

it('runs in the VS Code the test environment provides (1.100)', () => {
  assert.equal(pkg.engines.vscode, '^1.100.0');
  assert.equal(pkg.bin.wharf, 'dist/cli.js');
});

// ---- The explorer's contributions ----

type Menu = { command: string; when?: string; group?: string };
const menus = pkg.contributes.menus as Record<string, Menu[]>;
const declared = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));

/** Evaluates the `view == … && viewItem =~ /…/` clauses the explorer's menus use, for one contextValue. */
function shows(when: string | undefined, contextValue: string, view = 'wharf.explorer'): boolean {
  if (!when) return true;
  return when.split('&&').every((clause) => {
    const c = clause.trim();
    const eq = /^view == ([\w.]+)$/.exec(c);
    if (eq) return eq[1] === view;
    const re = /^viewItem =~ \/(.+)\/$/.exec(c);
    if (re) return new RegExp(re[1]).test(contextValue);
    throw new Error(`the test does not understand the clause: ${c}`);
  });
}

const itemCommands = (contextValue: string) => menus['view/item/context'].filter((m) => shows(m.when, contextValue)).map((m) => m.command);

it('the explorer: an activity-bar container with its icon, the view "Wharf", and a welcome for no credentials', () => {
  assert.deepEqual(pkg.contributes.viewsContainers.activitybar.map((c: { id: string }) => c.id), ['wharf']);
  for (const c of pkg.contributes.viewsContainers.activitybar) assert.ok(fs.existsSync(path.join(root, c.icon)), c.icon);
  assert.deepEqual(pkg.contributes.views.wharf.map((v: { id: string; name: string }) => [v.id, v.name]), [['wharf.explorer', 'Wharf']]);
  const welcome = pkg.contributes.viewsWelcome.find((w: { view: string }) => w.view === 'wharf.explorer');
  assert.match(welcome.contents, /\(command:wharf\.aws\.chooseProfile\)/);
});

it('every explorer command forwarded by the command table has a handler in the explorer entry', () => {
  const table = fs.readFileSync(path.join(root, 'src/commands/index.ts'), 'utf8');
  const forwarded = [...table.matchAll(/^\s*'(wharf\.[\w.]+)': forward\('([\w.]+)'\)/gm)];
  assert.ok(forwarded.length >= 14);
  for (const [, id, to] of forwarded) assert.equal(id, to, `${id} forwards under its own id`);
  const explorer = fs.readFileSync(path.join(root, 'src/commands/explorer/index.ts'), 'utf8');
  const handled = new Set([...explorer.matchAll(/^\s*'(wharf\.[\w.]+)': \{\s*what:/gm)].map((m) => m[1]));
  for (const [, id] of forwarded) assert.ok(handled.has(id), `${id} has no handler in src/commands/explorer/index.ts`);
});

it('menus name declared commands; every command has a category and the view-title ones an icon', () => {
  for (const [where, list] of Object.entries(menus)) for (const m of list) assert.ok(declared.has(m.command), `${where}: ${m.command}`);
  for (const c of pkg.contributes.commands.filter((x: { command: string }) => /^wharf\.(explorer|aws)\.|^wharf\.eks\.(showAuthDiagnosis|writeKubeconfig)$/.test(x.command))) {
    assert.equal(c.category, 'Wharf', c.command);
    assert.match(c.icon ?? '', /^\$\([\w-]+\)$/, c.command);
  }
  const title = menus['view/title'].filter((m) => m.group?.startsWith('navigation')).map((m) => m.command);
  assert.deepEqual(title, ['wharf.explorer.goTo', 'wharf.aws.chooseProfile', 'wharf.aws.chooseRegions', 'wharf.explorer.refresh']);
});

it('commands that need a tree node are hidden from the command palette', () => {
  const hidden = new Set(menus.commandPalette.filter((m) => m.when === 'false').map((m) => m.command));
  for (const id of ['wharf.explorer.copyName', 'wharf.explorer.copyArn', 'wharf.explorer.openInConsole', 'wharf.explorer.viewYaml', 'wharf.explorer.describe', 'wharf.explorer.viewTaskDefinition', 'wharf.eks.showAuthDiagnosis']) {
    assert.ok(hidden.has(id), `${id} is tree-only`);
  }
  for (const id of ['wharf.explorer.refresh', 'wharf.aws.chooseProfile', 'wharf.aws.chooseRegions', 'wharf.explorer.goTo', 'wharf.aws.signIn', 'wharf.aws.browseSsoAccounts', 'wharf.aws.enterMfa']) {
    assert.ok(!hidden.has(id), `${id} stays in the palette`);
  }
});

it('item menus match the contextValues the tree gives its nodes (kind, then sorted .flags)', () => {
  assert.deepEqual(itemCommands(contextValue('pod', { running: true })).filter((c) => /viewYaml|describe|copyName/.test(c)), ['wharf.explorer.viewYaml', 'wharf.explorer.describe', 'wharf.explorer.copyName']);
  assert.ok(itemCommands(contextValue('statefulSet', { unhealthy: true })).includes('wharf.explorer.viewYaml'));
  assert.ok(itemCommands(contextValue('kubeNode', { fargate: true, notReady: true })).includes('wharf.explorer.describe'));
  const cluster = itemCommands(contextValue('eksCluster', { extendedSupport: true }));
  for (const c of ['wharf.explorer.openInConsole', 'wharf.eks.writeKubeconfig', 'wharf.explorer.copyArn', 'wharf.explorer.refresh']) assert.ok(cluster.includes(c), c);
  assert.ok(!cluster.includes('wharf.explorer.viewYaml'));
  // eksClusters (the "EKS" folder) is not an eksCluster.
  assert.ok(!itemCommands('eksClusters').includes('wharf.eks.writeKubeconfig'));
  assert.ok(itemCommands(contextValue('ecsService', { execEnabled: true, external: true })).includes('wharf.explorer.viewTaskDefinition'));
  assert.ok(itemCommands('ecsTask').includes('wharf.explorer.openInConsole'));
  assert.ok(!itemCommands('ecsTaskSet').includes('wharf.explorer.openInConsole'));
  assert.ok(itemCommands(contextValue('error', { diagnose: true })).includes('wharf.eks.showAuthDiagnosis'));
  assert.ok(itemCommands(contextValue('error', { signIn: true })).includes('wharf.aws.signIn'));
  assert.deepEqual(itemCommands(contextValue('error', { retry: true })), []);
  assert.deepEqual(itemCommands('loadMore'), []);
  // Other views never get the explorer's menus.
  assert.ok(!shows(menus['view/item/context'][0].when, 'eksCluster', 'explorer'));
});

it('declares the explorer settings: profiles, Regions, refresh interval (off by default)', () => {
  const props = pkg.contributes.configuration.properties;
  assert.deepEqual(props['wharf.profiles'].default, []);
  assert.deepEqual(props['wharf.regions'].default, []);
  assert.equal(props['wharf.explorer.refreshIntervalSeconds'].default, 0);
  const re = new RegExp(props['wharf.regions'].items.pattern);
  for (const r of ['us-east-1', 'ap-southeast-7', 'us-gov-west-1', 'cn-northwest-1']) assert.ok(re.test(r), r);
  assert.ok(!re.test('US-EAST-1') && !re.test('us-east'));
});
