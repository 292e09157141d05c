// Table-driven rule tests in the manner of ESLint's RuleTester: cases are data, each `invalid` case names the
// exact line and column of every finding and the text after its safe fix.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConfig, type ConfigInput } from '../../../src/lint/config';
import { applyEdits } from '../../../src/lint/edit';
import { lintText } from '../../../src/lint/engine';
import type { Rule } from '../../../src/lint/rule';
import { parseSource } from '../../../src/lint/source';
import type { Finding } from '../../../src/lint/types';
import { Workspace } from '../../../src/lint/workspace';

export interface ValidCase {
  name?: string;
  code: string;
  config?: ConfigInput;
  /** Other files of the workspace (path -> text), for cross-document rules. */
  files?: Record<string, string>;
}

export interface ExpectedFinding {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** A substring or pattern the message must contain. */
  message?: string | RegExp;
  /** Line of the related document's location, for cross-document findings. */
  relatedLine?: number;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** The text after applying every safe fix; omit when the rule has none for this case. */
  output?: string;
  /** The text after applying the first suggestion of the first finding. */
  suggestionOutput?: string;
}

export function lintWith(rule: Rule, c: ValidCase): Finding[] {
  const ws = new Workspace();
  for (const [p, t] of Object.entries(c.files ?? {})) ws.set(parseSource(p, t));
  const config = resolveConfig(c.config);
  return lintText('test.yaml', c.code, { rules: [rule], config, workspace: ws }).filter((f) => f.ruleId === rule.meta.id);
}

export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    cases.valid.forEach((c, i) => {
      it(`valid ${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const found = lintWith(rule, c);
        assert.deepEqual(found.map(describeFinding), []);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid ${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const found = lintWith(rule, c);
        assert.equal(found.length, c.errors.length, `expected ${c.errors.length} findings, got:\n${found.map(describeFinding).join('\n')}`);
        c.errors.forEach((e, j) => {
          const f = found[j];
          assert.equal(f.location.line, e.line, `finding ${j + 1} line: ${describeFinding(f)}`);
          assert.equal(f.location.column, e.column, `finding ${j + 1} column: ${describeFinding(f)}`);
          if (e.endLine !== undefined) assert.equal(f.location.endLine, e.endLine, `finding ${j + 1} endLine`);
          if (e.endColumn !== undefined) assert.equal(f.location.endColumn, e.endColumn, `finding ${j + 1} endColumn`);
          if (typeof e.message === 'string') assert.ok(f.message.includes(e.message), `message "${f.message}" lacks "${e.message}"`);
          else if (e.message) assert.match(f.message, e.message);
          if (e.relatedLine !== undefined) assert.equal(f.related?.[0]?.location.line, e.relatedLine, 'related line');
          assert.ok(f.message.startsWith(`${f.object?.kind} `), 'message names the object');
        });
        const fixes = found.flatMap((f) => (f.fix ? f.fix.edits : []));
        if (c.output !== undefined) {
          assert.ok(fixes.length > 0, 'expected a safe fix');
          const fixed = applyEdits(c.code, fixes);
          assert.equal(fixed, c.output);
          // A fix must resolve what it fixes and must not break the YAML.
          const again = lintWith(rule, { ...c, code: fixed });
          assert.ok(again.every((f) => !f.fix), `after the fix, still fixable: ${again.map(describeFinding).join('; ')}`);
          assert.equal(parseSource('x.yaml', fixed).docs.filter((d) => d.error).length, 0, 'fixed text parses');
        } else {
          assert.equal(fixes.length, 0, 'unexpected safe fix; add `output` to the case');
        }
        if (c.suggestionOutput !== undefined) {
          const s = found[0].suggestions?.[0];
          assert.ok(s, 'expected a suggestion');
          assert.equal(applyEdits(c.code, s.edits), c.suggestionOutput);
        }
      });
    });
  });
}

function describeFinding(f: Finding): string {
  return `${f.location.line}:${f.location.column}-${f.location.endLine}:${f.location.endColumn} ${f.ruleId} ${f.message}`;
}
