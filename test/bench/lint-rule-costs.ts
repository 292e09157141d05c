// Where a lint run's time goes, in one process: parse, then each rule alone (self time, findings), then locating and
// formatting. For choosing what to make cheaper; whole-process figures come from cli-speed.ts.
// Usage: npx tsx test/bench/lint-rule-costs.ts FILE [--runs 3] [--stages] (--stages: parse, lint and each output
// format only, without the per-rule pass; bundle it with esbuild to time the code as it ships)
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { writeJson } from '../../src/cli/format-json';
import { writeSarif } from '../../src/cli/format-sarif';
import { formatText } from '../../src/cli/format-text';
import { resolveConfig } from '../../src/lint/config';
import { lintFile } from '../../src/lint/engine';
import { allRules } from '../../src/lint/rules';
import { parseSource } from '../../src/lint/source';
import { Workspace } from '../../src/lint/workspace';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '3' }, stages: { type: 'boolean', default: false } } });
const file = positionals[0];
if (!file) throw new Error('usage: lint-rule-costs FILE [--runs N]');
const text = fs.readFileSync(file, 'utf8');
const config = resolveConfig();
const runs = Number(values.runs);
// CPU time of this process (user + system), not wall time: steadier while others load the machine.
const cpuNow = () => {
  const u = process.cpuUsage();
  return BigInt(u.user + u.system) * 1000n;
};
const ms = (t0: bigint) => Number(cpuNow() - t0) / 1e6;

if (values.stages) {
  for (let r = 0; r < runs; r++) {
    const t = cpuNow();
    const src = parseSource(file, text);
    const tParse = ms(t);
    let t0 = cpuNow();
    const ws = new Workspace();
    ws.set(src);
    const findings = lintFile(src, { config, workspace: ws });
    const tLint = ms(t0);
    let bytes = 0;
    const sink = (s: string) => void (bytes += s.length);
    t0 = cpuNow();
    writeJson(findings, sink);
    const tJson = ms(t0);
    t0 = cpuNow();
    writeSarif(findings, '0', new Map([[file, text]]), sink);
    const tSarif = ms(t0);
    t0 = cpuNow();
    sink(formatText(findings, false));
    const tText = ms(t0);
    process.stdout.write(`cpu ms: parse ${tParse.toFixed(0)} lint ${tLint.toFixed(0)} (${findings.length} findings) json ${tJson.toFixed(0)} sarif ${tSarif.toFixed(0)} text ${tText.toFixed(0)} ms; heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB\n`);
  }
  process.exit(0);
}

const costs = new Map<string, { ms: number[]; findings: number }>();
const parseMs: number[] = [];
const allMs: number[] = [];
for (let r = 0; r < runs; r++) {
  let t0 = cpuNow();
  const src = parseSource(file, text);
  parseMs.push(ms(t0));
  const ws = new Workspace();
  ws.set(src);
  for (const rule of allRules) {
    t0 = cpuNow();
    const n = lintFile(src, { config, workspace: ws, rules: [rule] }).length;
    const e = costs.get(rule.meta.id) ?? { ms: [], findings: n };
    e.ms.push(ms(t0));
    costs.set(rule.meta.id, e);
  }
  t0 = cpuNow();
  lintFile(src, { config, workspace: ws });
  allMs.push(ms(t0));
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
process.stdout.write(`parse ${med(parseMs).toFixed(0)} ms; all rules together ${med(allMs).toFixed(0)} ms (medians of ${runs})\n`);
const rows = [...costs].map(([id, c]) => [id, med(c.ms), c.findings] as const).sort((a, b) => b[1] - a[1]);
for (const [id, m, n] of rows) process.stdout.write(`${m.toFixed(1).padStart(8)} ms ${String(n).padStart(7)}  ${id}\n`);
