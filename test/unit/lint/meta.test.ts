// The registry keeps its promises: every rule is wired in, tested, documented, and named after its file; every
// rule of the catalog exists.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ENGINE_RULES } from '../../../src/lint/engine-rules';
import { allRules } from '../../../src/lint/rules';

const root = path.resolve(__dirname, '../../..');
const rulesDir = path.join(root, 'src/lint/rules');
const testsDir = path.join(root, 'test/unit/lint/rules');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/** The catalog (shared/RULES.md) as of this release; checked against the file itself when it is present. */
export const CATALOG = `replicas-min no-bare-pods topology-spread pdb-missing pdb-blocks-drain readiness-probe liveness-equals-readiness
prestop-sleep termination-grace resource-requests memory-limit hpa-needs-requests hpa-min-replicas image-pull-policy no-privileged
no-privilege-escalation no-host-namespaces no-sensitive-hostpath run-as-non-root read-only-root-fs drop-capabilities seccomp-profile
no-default-service-account automount-token no-secrets-in-env no-static-aws-credentials no-cluster-admin-binding rbac-wildcards
image-tag-pinned image-registry-allowed sts-regional-endpoints fargate-compat fargate-sizing windows-node-selector linux-node-selector
webhook-timeout webhook-fail-open lb-controller-annotations fargate-logging-config deprecated-api`.split(/\s+/);

const ruleFiles = fs.readdirSync(rulesDir).filter((f) => f.endsWith('.ts') && !['index.ts', 'docs.ts'].includes(f) && !f.startsWith('_'));

describe('rule registry', () => {
  it('every rule file is registered, and every registered rule has a file named by its id', () => {
    assert.deepEqual([...allRules.map((r) => `${r.meta.id}.ts`)].sort(), [...ruleFiles].sort());
  });

  it('ids are unique kebab-case', () => {
    const ids = [...allRules.map((r) => r.meta.id), ...ENGINE_RULES.map((r) => r.id)];
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  for (const rule of allRules) {
    const { id } = rule.meta;
    describe(id, () => {
      it('has a table-driven test file', () => {
        const test = path.join(testsDir, `${id}.test.ts`);
        assert.ok(fs.existsSync(test), `missing ${path.relative(root, test)}`);
        const text = fs.readFileSync(test, 'utf8');
        assert.match(text, /valid:/);
        assert.match(text, /invalid:/);
      });
      it('has complete meta', () => {
        const m = rule.meta;
        assert.ok(['off', 'info', 'warning', 'error'].includes(m.defaultSeverity));
        assert.ok(['reliability', 'security', 'images', 'eks', 'schema'].includes(m.category), m.category);
        assert.ok(m.description.length > 10 && m.description.length < 140, 'description is one line');
        assert.ok(m.rationale.length > 40, 'rationale explains why');
        assert.ok(['fix', 'suggest', 'none'].includes(m.fixable));
        for (const [name, opt] of Object.entries(m.options ?? {})) assert.ok(opt.description, `option ${name} documented`);
      });
      it('is documented in README.md under its id', () => {
        assert.ok(readme.includes(`\n#### ${id}\n`), `README.md lacks a "#### ${id}" section`);
      });
    });
  }

  it('every rule of the catalog exists', () => {
    const ids = new Set(allRules.map((r) => r.meta.id));
    assert.deepEqual(CATALOG.filter((id) => !ids.has(id)), []);
  });

  const catalogFile = path.resolve(root, '../shared/RULES.md');
  it('the catalog list matches shared/RULES.md', { skip: fs.existsSync(catalogFile) ? false : 'shared/RULES.md is not beside this checkout' }, () => {
    const text = fs.readFileSync(catalogFile, 'utf8');
    const fromFile = [...text.matchAll(/^\| ([a-z0-9-]+) \|/gm)].map((m) => m[1]).filter((id) => id !== 'id');
    assert.deepEqual(fromFile, CATALOG);
  });
});
