// Real-world manifests (shared/corpus: Google's microservices-demo and the EKS workshop's kustomize bases,
// overlays and Helm values). The engine must get through all of them without an internal error, stay quiet on
// kustomize patches and non-objects, and still find the problems real workloads have.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintFile } from '../../../src/lint/engine';
import { parseSource } from '../../../src/lint/source';
import type { Finding } from '../../../src/lint/types';
import { Workspace } from '../../../src/lint/workspace';

const corpus = path.resolve(__dirname, '../../../../shared/corpus');
const present = fs.existsSync(corpus);

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

describe('real-world corpus', { skip: present ? false : 'shared/corpus is not beside this checkout' }, () => {
  const ws = new Workspace();
  const files = present ? yamlFiles(corpus).sort() : [];
  for (const f of files) ws.set(parseSource(f, fs.readFileSync(f, 'utf8')));
  const findings: Finding[] = present ? files.flatMap((f) => lintFile(ws.get(f)!, { workspace: ws })) : [];

  it('lints every file without an internal error', () => {
    assert.ok(files.length > 100, `${files.length} files`);
    assert.deepEqual(findings.filter((f) => f.ruleId === 'internal-error').map((f) => `${f.file}: ${f.message}`), []);
  });

  it('reports no syntax errors on valid YAML', () => {
    assert.deepEqual(findings.filter((f) => f.ruleId === 'yaml-syntax').map((f) => `${f.file}:${f.location.line} ${f.message}`), []);
  });

  it('stays quiet on kustomize patches listed in a kustomization', () => {
    const patches = files.filter((f) => ws.isPatchFile(f));
    assert.ok(patches.length > 0, 'the corpus has kustomize patches');
    assert.deepEqual(findings.filter((f) => patches.includes(f.file)).map((f) => `${path.relative(corpus, f.file)}: ${f.ruleId}`), []);
  });

  it('finds real problems in microservices-demo', () => {
    const demo = findings.filter((f) => f.file.includes('microservices-demo'));
    const rules = new Set(demo.map((f) => f.ruleId));
    // The demo runs one replica of everything.
    assert.ok(rules.has('replicas-min'), [...rules].join(', '));
  });
});
