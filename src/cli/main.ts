// `wharf` command line: `wharf lint` and `wharf rules`.
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ENGINE_RULES } from '../lint/engine-rules';
import { allRules, docsUrl } from '../lint/rules';
import type { Finding } from '../lint/types';
import { parseVersion } from '../lint/version';
import { collectFiles, STDIN, UsageError } from './files';
import { fixAll } from './fix';
import { formatJson } from './format-json';
import { toSarif } from './format-sarif';
import { formatText } from './format-text';
import { ConfigError, displayPath, lintFiles, loadConfig } from './run';

declare const WHARF_VERSION: string | undefined;
const VERSION = typeof WHARF_VERSION === 'string' ? WHARF_VERSION : '0.0.0-dev';

export const USAGE = `Usage:
  wharf lint [paths | dirs | -] [options]   check Kubernetes YAML against EKS best practices
  wharf rules [--format text|json]          list the rules

Options for lint:
  --format text|json|sarif   output format (default: text)
  --config FILE              configuration file (default: .wharf.yaml in the current directory)
  --k8s-version X.Y          target Kubernetes version (overrides the configuration)
  --max-warnings N           exit 1 when there are more than N warnings
  --fix                      apply safe fixes in place, then report what remains
  -h, --help                 show this help
  -v, --version              print the version

Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 usage, configuration or I/O error.
`;

export interface Io {
  out(s: string): void;
  err(s: string): void;
  isTty: boolean;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  isTty: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
};

export function main(argv: readonly string[], io: Io = defaultIo): number {
  try {
    return run(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`wharf: ${e.message}\n`);
      return 2;
    }
    if (e instanceof ConfigError) {
      for (const p of e.problems) io.err(`${displayPath(p.file)}:${p.location.line}:${p.location.column}: ${p.severity}: ${p.message}\n`);
      return 2;
    }
    throw e;
  }
}

function run(argv: readonly string[], io: Io): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        config: { type: 'string' },
        'k8s-version': { type: 'string' },
        'max-warnings': { type: 'string' },
        fix: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.out(`${VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? 0 : 2;
  }
  if (command === 'rules') return listRules(values.format ?? 'text', io);
  if (command !== 'lint') throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);

  const format = values.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  const k8s = values['k8s-version'];
  if (k8s !== undefined && !parseVersion(k8s)) throw new UsageError(`--k8s-version must look like 1.31, not "${k8s}"`);
  const maxWarnings = values['max-warnings'] === undefined ? Infinity : Number(values['max-warnings']);
  if (!Number.isInteger(maxWarnings) && maxWarnings !== Infinity) throw new UsageError('--max-warnings takes a whole number');
  if (rest.length === 0) throw new UsageError(`no paths given (use "." for the current directory, "-" for stdin)\n\n${USAGE}`);
  if (values.fix && rest.includes(STDIN)) throw new UsageError('--fix rewrites files in place and cannot be used with stdin');

  const config = loadConfig(values.config, k8s);
  const files = collectFiles(rest);
  let { findings, texts } = lintFiles(files, config);

  if (values.fix) {
    const outcome = fixAll(files, texts, config, findings);
    for (const [file, text] of outcome.changed) {
      fs.writeFileSync(file, text);
      const counts = [...(outcome.applied.get(file) ?? new Map<string, number>())].map(([id, n]) => `${id}${n > 1 ? ` x${n}` : ''}`);
      io.err(`fixed ${displayPath(file)}: ${counts.join(', ')}\n`);
    }
    if (outcome.changed.size) ({ findings, texts } = lintFiles(files, config));
  }

  io.out(render(format, findings, texts, io));
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return 1;
  if (warnings > maxWarnings) {
    io.err(`wharf: ${warnings} warnings exceed --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

function render(format: string, findings: Finding[], texts: Map<string, string>, io: Io): string {
  if (format === 'json') return formatJson(findings);
  if (format === 'sarif') return JSON.stringify(toSarif(findings, VERSION, texts), null, 2) + '\n';
  return formatText(findings, io.isTty);
}

function listRules(format: string, io: Io): number {
  const metas = [...allRules.map((r) => r.meta), ...ENGINE_RULES];
  if (format === 'json') {
    io.out(JSON.stringify(metas.map((m) => ({ ...m, docs: docsUrl(m.id) })), null, 2) + '\n');
    return 0;
  }
  const w = Math.max(...metas.map((m) => m.id.length));
  for (const m of metas) io.out(`${m.id.padEnd(w)}  ${m.category.padEnd(11)}  ${m.defaultSeverity.padEnd(7)}  ${m.description}\n`);
  return 0;
}
