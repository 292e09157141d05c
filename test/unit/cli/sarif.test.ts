// --format sarif: valid SARIF 2.1.0 (checked against the OASIS schema) with what GitHub code scanning reads.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
// The OASIS SARIF 2.1.0 schema, as shipped by Microsoft's SARIF test helpers (only the JSON file is used).
import schema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { fixtures, packageVersion, scratch, wharf } from './helpers';

/* eslint-disable @typescript-eslint/no-explicit-any -- SARIF is walked as the loose JSON it is */

// The schema is draft-04 and one of its patterns isn't valid with the `u` flag: ajv-draft-04, non-unicode regexps.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function assertValid(sarif: unknown): void {
  const ok = validate(sarif);
  assert.ok(ok, `not SARIF 2.1.0:\n${ajv.errorsText(validate.errors, { separator: '\n' })}`);
}

async function sarif(args: string[], cwd = fixtures): Promise<any> {
  const r = await wharf(['lint', ...args, '--format', 'sarif'], { cwd });
  return JSON.parse(r.out);
}

describe('wharf lint --format sarif', { concurrency: 4 }, () => {
  it('validates against the SARIF 2.1.0 schema, for findings of every kind and for none', async () => {
    assertValid(await sarif(['problems', 'cross', 'helm', 'kustomize']));
    const empty = await sarif(['clean']);
    assertValid(empty);
    assert.deepEqual(empty.runs[0].results, []);
  });

  it('the validator rejects what code scanning would: the test can fail', () => {
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
  });

  it('describes the tool and every rule, engine rules included', async () => {
    const log = await sarif(['problems']);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    const run = log.runs[0];
    const driver = run.tool.driver;
    assert.equal(driver.name, 'wharf');
    assert.equal(driver.semanticVersion, packageVersion);
    assert.match(driver.informationUri, /^https:\/\//);
    const list = JSON.parse((await wharf(['rules', '--format', 'json'])).out) as { id: string; category: string; defaultSeverity: string; description: string; rationale: string }[];
    assert.deepEqual(driver.rules.map((r: any) => r.id), list.map((r) => r.id));
    const level: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', off: 'none' };
    for (const [i, rule] of driver.rules.entries()) {
      const meta = list[i];
      assert.equal(rule.shortDescription.text, meta.description);
      assert.equal(rule.fullDescription.text, meta.rationale);
      assert.match(rule.helpUri, new RegExp(`^https://.*#${rule.id}$`));
      assert.equal(rule.defaultConfiguration.level, level[meta.defaultSeverity]);
      assert.ok(rule.properties.tags.includes(meta.category));
      assert.equal(rule.properties.tags.includes('security'), meta.category === 'security', rule.id);
    }
    assert.equal(driver.rules.find((r: any) => r.id === 'image-registry-allowed').defaultConfiguration.level, 'none');
    assert.deepEqual(run.originalUriBaseIds['%SRCROOT%'], { uri: `${pathToFileURL(fixtures).href}/` });
  });

  it('results: rule index, level, message and a region relative to %SRCROOT%', async () => {
    const run = (await sarif(['problems', 'cross'])).runs[0];
    const rules = run.tool.driver.rules;
    const priv = run.results.find((r: any) => r.ruleId === 'no-privileged');
    assert.deepEqual(priv.locations, [
      { physicalLocation: { artifactLocation: { uri: 'problems/deploy.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 18, startColumn: 25, endLine: 18, endColumn: 29 } } },
    ]);
    assert.equal(priv.level, 'error');
    assert.equal(priv.message.text, 'Deployment web: container "app" runs privileged, with full access to the node.');
    for (const res of run.results) {
      assert.equal(rules[res.ruleIndex].id, res.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(res.level));
    }
    assert.ok(run.results.some((r: any) => r.level === 'note'), 'info findings are notes');
  });

  it('cross-document findings link the related document', async () => {
    const run = (await sarif(['cross'])).runs[0];
    const hpa = run.results.find((r: any) => r.ruleId === 'hpa-needs-requests');
    assert.equal(hpa.locations[0].physicalLocation.artifactLocation.uri, 'cross/hpa.yaml');
    const rel = hpa.relatedLocations[0];
    assert.equal(rel.id, 1);
    assert.equal(rel.physicalLocation.artifactLocation.uri, 'cross/deploy.yaml');
    assert.equal(rel.physicalLocation.region.startLine, 14);
    assert.match(hpa.message.text, /See \[container "api" has no cpu request\]\(1\)\.$/);
  });

  it('fingerprints survive lines moving and differ between findings', async () => {
    const dir = scratch('problems');
    const before = (await sarif(['.'], dir)).runs[0].results;
    const file = path.join(dir, 'deploy.yaml');
    fs.writeFileSync(file, `# a comment\n# and another\n${fs.readFileSync(file, 'utf8')}`);
    const after = (await sarif(['.'], dir)).runs[0].results;
    assert.equal(after.length, before.length);
    for (const [i, r] of after.entries()) {
      assert.equal(r.locations[0].physicalLocation.region.startLine, before[i].locations[0].physicalLocation.region.startLine + 2);
      assert.deepEqual(r.partialFingerprints, before[i].partialFingerprints);
      assert.match(r.partialFingerprints['wharfFinding/v1'], /^[0-9a-f]{32}:\d+$/);
    }
    assert.equal(new Set(before.map((r: any) => r.partialFingerprints['wharfFinding/v1'])).size, before.length);
  });

  it('safe fixes are SARIF fixes whose replacements, applied, give what --fix writes for that rule', async () => {
    const dir = scratch('problems');
    const file = path.join(dir, 'deploy.yaml');
    const text = fs.readFileSync(file, 'utf8');
    const run = (await sarif(['.'], dir)).runs[0];
    const fixed = run.results.filter((r: any) => r.fixes);
    assert.ok(fixed.length > 0);
    for (const r of fixed) {
      const change = r.fixes[0].artifactChanges[0];
      assert.deepEqual(change.artifactLocation, { uri: 'deploy.yaml', uriBaseId: '%SRCROOT%' });
      assert.ok(r.fixes[0].description.text.length > 0);
      // Replacements are non-overlapping offsets into the original text; apply them back to front.
      const reps = [...change.replacements].sort((a: any, b: any) => b.deletedRegion.charOffset - a.deletedRegion.charOffset);
      let out = text;
      for (const rep of reps) out = out.slice(0, rep.deletedRegion.charOffset) + rep.insertedContent.text + out.slice(rep.deletedRegion.charOffset + rep.deletedRegion.charLength);
      assert.notEqual(out, text);
    }
    const esc = fixed.find((r: any) => r.ruleId === 'no-privilege-escalation');
    assert.ok(esc, 'no-privilege-escalation carries a fix');
  });
});
