// The block reader (src/lint/block-yaml.ts) against its oracle, the `yaml` package: for every document, the same
// documents, errors, objects and plain data, and for every key and value path of every object the same span to
// underline, whichever path read it. The cases say which documents the reader must take itself, so a reader that
// quietly left everything to `yaml` fails here too.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintFile } from '../../../src/lint/engine';
import { spanOf } from '../../../src/lint/locate';
import { documentRegions, readRegion } from '../../../src/lint/read-source';
import { parseSource, parseWithYaml } from '../../../src/lint/source';
import type { Finding, Path } from '../../../src/lint/types';
import { Workspace } from '../../../src/lint/workspace';
import { generateCorpus } from '../../bench/corpus';

function pathsOf(v: unknown, pre: Path, out: Path[]): Path[] {
  out.push(pre);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...pre, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) pathsOf((v as Record<string, unknown>)[k], [...pre, k], out);
  return out;
}

/** How many documents the block reader took; asserts the file reads the same as with `yaml` alone. */
function assertSameAsYaml(name: string, text: string): number {
  const a = parseSource(name, text);
  const b = parseWithYaml(name, text);
  assert.equal(a.docs.length, b.docs.length, `${name}: documents`);
  a.docs.forEach((d, i) => {
    const e = b.docs[i];
    assert.equal(d.error?.message, e.error?.message, `${name}: document ${i} error`);
    // Where a document ends may differ by the blank space after its last value, which holds no finding.
    if (e.doc.contents) {
      assert.equal(d.span.start, e.span.start, `${name}: document ${i} start`);
      assert.match(text.slice(Math.min(d.span.end, e.span.end), Math.max(d.span.end, e.span.end)), /^\s*$/, `${name}: document ${i} end`);
    }
  });
  assert.deepEqual(a.helm, b.helm, `${name}: helm`);
  assert.deepEqual(a.lineCounter.lineStarts, b.lineCounter.lineStarts, `${name}: line starts`);
  assert.equal(a.objects.length, b.objects.length, `${name}: objects`);
  a.objects.forEach((o, i) => {
    const y = b.objects[i];
    assert.deepStrictEqual(o.value, y.value, `${name}: object ${i}`);
    const paths = pathsOf(o.value, [], []);
    paths.push(['nope'], ['spec', 'nope', 'x'], ['metadata', 'name', 'deeper'], ['spec', 'containers', 9]);
    for (const p of paths) {
      for (const prefer of ['auto', 'key', 'value'] as const) {
        assert.deepEqual(spanOf(o, p, prefer), spanOf(y, p, prefer), `${name}: object ${i} ${JSON.stringify(p)} ${prefer}`);
      }
    }
  });
  const regions = documentRegions(text) ?? [];
  return regions.filter((r) => readRegion(text, r)).length;
}

/** Findings as data, the edits of every fix and suggestion made (they are built on first use). */
function materialized(findings: Finding[]): unknown[] {
  return findings.map((f) => ({ ...f, fix: f.fix && { title: f.fix.title, edits: f.fix.edits }, suggestions: f.suggestions?.map((x) => ({ title: x.title, edits: x.edits })) }));
}

/** The whole lint of a file, fixes included, is the same whichever path read it. */
function assertSameFindings(name: string, text: string): number {
  const lint = (file: ReturnType<typeof parseSource>) => {
    const ws = new Workspace();
    ws.set(file);
    return materialized(lintFile(file, { workspace: ws }));
  };
  const a = lint(parseSource(name, text));
  assert.deepStrictEqual(a, lint(parseWithYaml(name, text)), `${name}: findings`);
  return a.length;
}

const head = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';

// [name, text, documents the reader takes itself]
const CASES: [string, string, number][] = [
  ['scalars of the core schema', `${head}data:\n  a: 1\n  b: -0\n  c: 0o17\n  d: 0x1F\n  e: 1.5e3\n  f: .inf\n  g: -.Inf\n  h: .nan\n  i: ~\n  j: Null\n  k: TRUE\n  l: yes\n  m: 010\n  n: 1_000\n  o: +12\n  p: .5\n  q: 3.\n  r: 12:30\n  s: 1e5\n`, 1],
  ['keys that are not strings', `${head}spec:\n  80: http\n  true: t\n  ~: n\n  1.50: f\n  "quoted key": q\n  'single': s\n  a#b: c\n  http://x/y: url\n  -dash: d\n  :colon: c\n`, 1],
  ['quoted values', `${head}data:\n  a: "x: y # not a comment"\n  b: 'it''s'\n  c: "tab\\tnew\\nline \\u00e9 \\"q\\" \\/"\n  d: ""\n  e: ''\n  f: "a"   # comment\n`, 1],
  ['escapes only YAML has', `${head}data:\n  a: "\\x41\\e"\n`, 0],
  ['plain values with indicators inside', `${head}data:\n  a: x:y\n  b: a#b\n  c: a, b [c] {d}\n  d: -x\n  e: ?x\n  f: value   # trailing comment\n  g: 'x' \n`, 1],
  ['empty values', `${head}spec:\n  a:\n  b:   # comment\n  c: ~\n  d:   \n  e:\n  - \n  -   # c\n  -\nstatus:\n`, 1],
  ['sequences', `${head}spec:\n  list:\n  - a\n  - b: 1\n    c: 2\n  -\n    d: 3\n  - - x\n    - y\n  - []\n  -\n  - "q"\n  same:\n    - x\n`, 1],
  ['block scalars', `${head}data:\n  lit: |\n    line 1\n      indented\n\n    after blank\n  strip: |-\n    x\n\n  keep_clip: |\n    y\n\n\n  folded: >\n    a\n    b\n\n    c\n      spaced\n    d\n  foldstrip: >-\n    long\n    text\n  seq:\n  - |\n    in a sequence\n  last: |\n    end`, 1],
  ['block scalar keep chomping', `${head}data:\n  keep: |+\n    x\n\n`, 0],
  ['block scalar indentation indicators', `${head}data:\n  a: |2\n     y\n    z\n  b: |-1\n     lead\n  c: >2-\n      spaced\n    folded\n    text\n  d:\n  - |2\n      item\n  - >1\n     x\n`, 1],
  ['block scalar indentation indicator under-indented', `${head}data:\n  a: |4\n    y\n`, 0],
  ['flow collections on one line', `${head}spec:\n  a: []\n  b: {}\n  c: [1, "two", 'three', four]\n  d: {x: 1, "y": [2, 3], z: {w: null}}\n  e: [ a , b ]\n  f: {"json":"style","n":1}\n`, 1],
  ['flow collections over lines', `${head}spec:\n  a: [1,\n    2]\n`, 0],
  ['anchors and aliases', `${head}data:\n  a: &x 1\n  b: *x\n`, 0],
  ['tags', `${head}data:\n  a: !!str 1\n`, 0],
  ['multi-line plain scalars', `${head}data:\n  a: one\n    two\n\n    three   \n\n\n    four # comment\n  b: x\n   y\n  c:\n  - item\n    goes on\n  - 'q'\n  d: first\n    'quoted' \`code\` {brace} [bracket] *star &amp !bang |bar >gt %pc @at ,comma "dq\n    -dash ?q :c\n  e: 1\n    2\n  f: null\n    x\n`, 1],
  ['multi-line plain scalars that look like structure', `${head}data:\n  a: one\n    - two\n`, 0],
  ['multi-line plain scalars with a comment between', `${head}data:\n  a: one # c\n    two\n`, 0],
  ['multi-line quoted scalars', `${head}data:\n  a: "one\n    two\n\n    three  "\n  b: 'it''s\n    \n    more'\n  c: "trailing \n    "\n  d: "\n    leading"\n  e: "esc\\t\n    \\u00e9"\n`, 1],
  ['multi-line quoted scalars with an escaped line break', `${head}data:\n  a: "one\\\n    two"\n`, 0],
  ['multi-line quoted scalars not indented', `${head}data:\n  a: "one\ntwo"\n`, 0],
  ['repeated keys', `${head}data:\n  a: 1\n  a: 2\n  b: 3\n`, 1],
  ['a __proto__ key', `${head}data:\n  __proto__: x\n  constructor: y\n`, 1],
  ['documents, markers and comments', `# leading comment\n\n${head}---\n# comment in a document\n${head}...\n# between\n--- # marker comment\n${head}---\n---\n${head}\n# trailing\n`, 3],
  ['content after a document end marker', `${head}...   data:\n  a: 1\n`, 0],
  ['a list of objects', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n', 1],
  ['syntax errors go to yaml', `${head}data:\n  a: b: c\n---\n${head}data:\n  a: 1\n   b: 2\n---\n${head}`, 1],
  ['a document that is a scalar or a sequence', `--- just text\n---\n- a\n- b\n---\n${head}`, 2],
  ['tabs', `${head}data:\n  a:\tx\n\t\n  b: "x\ty"\n`, 1],
  ['indentation by tabs', `${head}data:\n\ta: x\n`, 0],
  ['a tab after a dash', `${head}data:\n  -\t a: x\n`, 0],
  ['Helm syntax', `${head}data:\n  a: {{ .Values.x }}\n`, 0],
  ['template syntax as data', `${head}data:\n  dashboard: |\n    {{ legend }}\n  q: "{{ x }}"\n`, 1],
  ['an indented root mapping', `  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: x\n`, 1],
  ['merge keys', `${head}data:\n  <<: {a: 1}\n`, 0],
  ['deep flow nesting', `${head}data:\n  a: ${'['.repeat(300)}${']'.repeat(300)}\n`, 0],
];

describe('block reader', () => {
  for (const [name, text, read] of CASES) {
    it(`${name}: reads like yaml`, () => {
      assert.equal(assertSameAsYaml(name, text), read, 'documents the block reader read itself');
      assertSameFindings(name, text);
    });
  }

  it('reads the generated corpora like yaml, every document itself', () => {
    for (const dense of [false, true]) {
      const text = generateCorpus(300, 11, dense);
      const docs = parseWithYaml('c.yaml', text).docs.length;
      assert.equal(assertSameAsYaml(dense ? 'dense' : 'generated', text), docs);
      assert.ok(assertSameFindings(dense ? 'dense' : 'generated', text) > 100);
    }
  });

  const corpus = path.resolve(__dirname, '../../../../shared/corpus');
  it('reads the real-world corpus like yaml, nearly every document itself', { skip: fs.existsSync(corpus) ? false : 'shared/corpus is not beside this checkout' }, () => {
    const files = fs.readdirSync(corpus, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f));
    let docs = 0;
    let read = 0;
    for (const f of files) {
      const text = fs.readFileSync(path.join(corpus, f), 'utf8');
      docs += parseWithYaml(f, text).docs.length;
      read += assertSameAsYaml(f, text);
      assertSameFindings(f, text);
    }
    assert.ok(files.length > 100 && read > 0.95 * docs, `${read} of ${docs} documents in ${files.length} files`);
  });
});
