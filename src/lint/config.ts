// `.wharf.yaml`: one file at the workspace root, read by the editor and the CLI alike. A wrong key or value is
// reported where it stands, never ignored. Editor settings use the same shape and are merged on top.
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import type { Finding, RuleMeta, Severity, SeveritySetting, Span } from './types';
import { parseVersion, type KubeVersion } from './version';

export const CONFIG_FILE = '.wharf.yaml';
const SEVERITIES: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

export interface FargateProfileSelector {
  namespace: string;
  labels?: Record<string, string>;
}

/** What a config file or the settings may say; every field optional. */
export interface ConfigInput {
  kubernetesVersion?: string;
  rules?: Record<string, SeveritySetting | ({ severity?: SeveritySetting } & Record<string, unknown>)>;
  registries?: string[];
  fargateProfiles?: FargateProfileSelector[];
}

export interface ResolvedConfig {
  kubernetesVersion?: KubeVersion;
  severity(ruleId: string, fallback: SeveritySetting): SeveritySetting;
  /** Whether the user chose this rule's severity (then per-finding severities yield to it). */
  isConfigured(ruleId: string): boolean;
  options(meta: RuleMeta): Record<string, unknown>;
  registries?: string[];
  fargateProfiles: FargateProfileSelector[];
}

export function resolveConfig(...layers: (ConfigInput | undefined)[]): ResolvedConfig {
  const rules: Record<string, Record<string, unknown>> = {};
  let version: string | undefined;
  let registries: string[] | undefined;
  let fargate: FargateProfileSelector[] = [];
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.kubernetesVersion) version = layer.kubernetesVersion;
    if (layer.registries) registries = layer.registries;
    if (layer.fargateProfiles) fargate = layer.fargateProfiles;
    for (const [id, v] of Object.entries(layer.rules ?? {})) {
      rules[id] = { ...rules[id], ...(typeof v === 'string' ? { severity: v } : v) };
    }
  }
  return {
    kubernetesVersion: parseVersion(version),
    registries,
    fargateProfiles: fargate,
    severity(ruleId, fallback) {
      const s = rules[ruleId]?.severity;
      return typeof s === 'string' && (SEVERITIES as string[]).includes(s) ? (s as SeveritySetting) : fallback;
    },
    isConfigured(ruleId) {
      return typeof rules[ruleId]?.severity === 'string';
    },
    options(meta) {
      const out: Record<string, unknown> = {};
      for (const [name, opt] of Object.entries(meta.options ?? {})) out[name] = rules[meta.id]?.[name] ?? opt.default;
      return out;
    },
  };
}

/** Parses and validates a config file; problems carry the file's path and the exact location. */
export function parseConfig(filePath: string, text: string, rules: readonly RuleMeta[]): { config: ConfigInput; problems: Finding[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const problems: Finding[] = [];
  const problem = (span: Span, message: string, severity: Severity = 'error') => {
    const s = lc.linePos(span.start);
    const e = lc.linePos(span.end);
    problems.push({
      ruleId: 'invalid-config',
      severity,
      message,
      file: filePath,
      span,
      location: { line: s.line, column: s.col, endLine: e.line, endColumn: e.col },
    });
  };
  const spanOf = (n: unknown): Span => {
    const r = (n as Node | undefined)?.range;
    return r ? { start: r[0], end: r[1] } : { start: 0, end: 1 };
  };
  const config: ConfigInput = {};
  for (const err of doc.errors) problem({ start: err.pos[0], end: err.pos[1] }, `${CONFIG_FILE} is not valid YAML: ${err.message.split('\n')[0]}`);
  if (doc.errors.length) return { config, problems };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { config, problems };
  if (!isMap(root)) {
    problem(spanOf(root), `${CONFIG_FILE} must be a mapping with keys kubernetesVersion, rules, registries, fargateProfiles.`);
    return { config, problems };
  }
  const byId = new Map(rules.map((r) => [r.id, r]));
  for (const item of root.items as Pair[]) {
    const key = isScalar(item.key) ? String(item.key.value) : '';
    const value = item.value as Node | null;
    const plain = isScalar(value) ? value.value : (value as unknown as { toJSON(): unknown } | null)?.toJSON?.();
    switch (key) {
      case 'kubernetesVersion':
        if ((typeof plain !== 'string' && typeof plain !== 'number') || !parseVersion(plain as string)) {
          problem(spanOf(value), 'kubernetesVersion must be a version such as "1.31" (quote it: 1.30 unquoted is the number 1.3).');
        } else if (typeof plain === 'number') {
          problem(spanOf(value), `kubernetesVersion ${plain} is a number; write it quoted ("${plain}") so 1.30 is not read as 1.3.`, 'warning');
          config.kubernetesVersion = String(plain);
        } else config.kubernetesVersion = plain;
        break;
      case 'registries':
        if (!Array.isArray(plain) || plain.some((r) => typeof r !== 'string')) problem(spanOf(value), 'registries must be a list of registry host patterns, e.g. "*.dkr.ecr.*.amazonaws.com".');
        else config.registries = plain as string[];
        break;
      case 'fargateProfiles':
        if (!Array.isArray(plain) || plain.some((p) => typeof p !== 'object' || p === null || typeof (p as FargateProfileSelector).namespace !== 'string')) {
          problem(spanOf(value), 'fargateProfiles must be a list of selectors, each with a namespace and optional labels.');
        } else config.fargateProfiles = plain as FargateProfileSelector[];
        break;
      case 'rules':
        config.rules = validateRules(value, byId, problem, spanOf);
        break;
      case 'eks':
        // Not the linter's: `wharf scan` reads eks.endpointOverrides (src/cli/scan-config.ts) and checks it there.
        break;
      default:
        problem(spanOf(item.key), `Unknown key "${key}" in ${CONFIG_FILE}; expected kubernetesVersion, rules, registries or fargateProfiles.`);
    }
  }
  return { config, problems };
}

function validateRules(
  node: Node | null,
  byId: Map<string, RuleMeta>,
  problem: (s: Span, m: string) => void,
  spanOf: (n: unknown) => Span,
): ConfigInput['rules'] {
  const out: NonNullable<ConfigInput['rules']> = {};
  if (!isMap(node)) {
    problem(spanOf(node), 'rules must map rule ids to a severity (off, info, warning, error) or to { severity, options }.');
    return out;
  }
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const id = isScalar(pair.key) ? String(pair.key.value) : '';
    const meta = byId.get(id);
    if (!meta) {
      problem(spanOf(pair.key), `Unknown rule "${id}".${suggest(id, [...byId.keys()])}`);
      continue;
    }
    const v = pair.value as Node | null;
    if (isScalar(v)) {
      if (!(SEVERITIES as unknown[]).includes(v.value)) problem(spanOf(v), `Severity of ${id} must be one of ${SEVERITIES.join(', ')}.`);
      else out[id] = v.value as SeveritySetting;
      continue;
    }
    if (!isMap(v)) {
      problem(spanOf(v), `${id} takes a severity or a mapping of severity and options.`);
      continue;
    }
    const entry: Record<string, unknown> = {};
    for (const p of v.items) {
      if (!isPair(p) || !isScalar(p.key)) continue;
      const name = String(p.key.value);
      const val = isScalar(p.value) ? p.value.value : (p.value as unknown as { toJSON(): unknown } | null)?.toJSON?.();
      if (name === 'severity') {
        if (!(SEVERITIES as unknown[]).includes(val)) problem(spanOf(p.value), `Severity of ${id} must be one of ${SEVERITIES.join(', ')}.`);
        else entry.severity = val;
        continue;
      }
      const opt = meta.options?.[name];
      if (!opt) {
        const known = Object.keys(meta.options ?? {});
        problem(spanOf(p.key), `Rule ${id} has no option "${name}"${known.length ? `; its options: ${known.join(', ')}` : ''}.`);
        continue;
      }
      const ok = opt.type === 'string[]' ? Array.isArray(val) && val.every((x) => typeof x === 'string') : typeof val === opt.type;
      if (!ok) problem(spanOf(p.value), `Option ${name} of ${id} must be a ${opt.type}.`);
      else entry[name] = val;
    }
    out[id] = entry;
  }
  return out;
}

function suggest(id: string, known: string[]): string {
  const close = known.find((k) => k.includes(id) || id.includes(k) || levenshtein(k, id) <= 2);
  return close ? ` Did you mean "${close}"?` : '';
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}
