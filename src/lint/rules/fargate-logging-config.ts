import { spanOf } from '../locate';
import { defineRule, type RuleContext } from '../rule';
import type { KObject } from '../source';
import type { Path, Span } from '../types';
import { get, isObj } from '../walk';

// What Fargate's built-in Fluent Bit accepts, from the Amazon EKS user guide, "Start AWS Fargate logging for your
// cluster": a ConfigMap aws-logging in the namespace aws-observability (labelled aws-observability: enabled), at most
// 5,300 characters, [FILTER]/[OUTPUT]/[PARSER] sections each under its own key, Name+Match (Name+Format for
// parsers) required, no ${ENV_VAR}, one indentation for directives and a deeper one for their keys, and only the
// filters and outputs listed below (the guide lists `es` and `kinesis`, not `opensearch` or `kinesis_streams`).
const NAMESPACE = 'aws-observability';
const CONFIGMAP = 'aws-logging';
const SECTION_OF_KEY: Record<string, string | undefined> = { 'output.conf': 'OUTPUT', 'filters.conf': 'FILTER', 'parsers.conf': 'PARSER', flb_log_cw: undefined };
const KEY_OF_SECTION: Record<string, string> = { OUTPUT: 'output.conf', FILTER: 'filters.conf', PARSER: 'parsers.conf' };
const REQUIRED: Record<string, readonly string[]> = { FILTER: ['Name', 'Match'], OUTPUT: ['Name', 'Match'], PARSER: ['Name', 'Format'] };
const FILTERS = new Set(['grep', 'parser', 'record_modifier', 'rewrite_tag', 'throttle', 'nest', 'modify', 'kubernetes']);
const OUTPUTS = new Set(['es', 'firehose', 'kinesis_firehose', 'cloudwatch', 'cloudwatch_logs', 'kinesis']);
const OUTPUT_HINT: Record<string, string> = { opensearch: 'es', elasticsearch: 'es', kinesis_streams: 'kinesis' };
const MAX_CHARS = 5300;
const SECTION = /^\[([^\]]*)\]\s*$/;
const ENV_REF = /\$\{[^}]*\}/;
const INDENT = /^[ \t]*/;

interface Line {
  text: string;
  indent: number;
  /** Offset of `text` (trimmed) in the file, when it can be found in the source as written. */
  at: number | undefined;
}

/** The lines of one data value, each mapped back to the source (block scalars keep them verbatim and in order). */
function linesOf(o: KObject, key: string, value: string): Line[] {
  const span = spanOf(o, ['data', key], 'value');
  const base = span.start;
  const raw = o.file.text.slice(span.start, span.end);
  let cursor = 0;
  const out: Line[] = [];
  for (const line of value.split('\n')) {
    const text = line.trim();
    if (!text || text.startsWith('#')) continue;
    const i = raw.indexOf(text, cursor);
    if (i >= 0) cursor = i + text.length;
    out.push({ text, indent: INDENT.exec(line)![0].length, at: i >= 0 ? base + i : undefined });
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'fargate-logging-config',
    category: 'eks',
    defaultSeverity: 'error',
    description: 'The Fargate log router\'s aws-logging ConfigMap has keys, sections, plugins or size that Fargate rejects.',
    rationale:
      'Fargate\'s built-in Fluent Bit validates the aws-logging ConfigMap of the aws-observability namespace and, when it fails, pods start without log shipping. The Amazon EKS user guide ("Start AWS Fargate logging for your cluster") lists the rules: keys output.conf, filters.conf, parsers.conf and flb_log_cw; [FILTER], [OUTPUT] and [PARSER] sections under their own keys with their required keys; the supported filters and outputs (es, firehose, kinesis_firehose, cloudwatch, cloudwatch_logs, kinesis); no environment variables; at most 5,300 characters; and the namespace labelled aws-observability: enabled.',
    fixable: 'none',
    crossDocument: true,
  },
  check(ctx) {
    for (const o of ctx.objects) {
      if (o.kind !== 'ConfigMap' || o.name !== CONFIGMAP || o.namespace !== NAMESPACE) continue;
      checkNamespace(ctx, o);
      const data = o.value.data;
      if (!isObj(data)) continue;
      let total = 0;
      let outputs = 0;
      for (const [key, value] of Object.entries(data)) {
        const text = value === null || value === undefined ? '' : String(value);
        total += text.length;
        if (!(key in SECTION_OF_KEY)) {
          ctx.report({ object: o, path: ['data', key], prefer: 'key', message: `has the key "${key}"; Fargate accepts only output.conf, filters.conf, parsers.conf and flb_log_cw.` });
          continue;
        }
        if (key === 'flb_log_cw') continue;
        outputs += checkConf(ctx, o, key, text);
      }
      if (total > MAX_CHARS) {
        ctx.report({ object: o, path: ['data'], prefer: 'key', message: `holds ${total} characters of configuration; Fargate accepts at most ${MAX_CHARS}.` });
      }
      if (outputs === 0) {
        ctx.report({ object: o, path: ['data'], prefer: 'key', message: 'has no [OUTPUT] section in output.conf: Fargate enables logging only with at least one supported output.' });
      }
    }
  },
});

/** The aws-observability Namespace, when the workspace has it, must carry the label that turns logging on. */
function checkNamespace(ctx: RuleContext, cm: KObject): void {
  const ns = ctx.workspace.ofKind('Namespace').find((n) => n.name === NAMESPACE);
  if (!ns || get(ns.value, ['metadata', 'labels', NAMESPACE]) === 'enabled') return;
  ctx.report({
    object: cm,
    path: ['metadata', 'namespace'],
    message: `is in the ${NAMESPACE} Namespace, which lacks the label ${NAMESPACE}: enabled, so Fargate ignores this logging configuration.`,
    related: [{ object: ns, message: `Namespace ${NAMESPACE} needs the label ${NAMESPACE}: enabled` }],
  });
}

/** Checks one .conf value; returns how many [OUTPUT] sections it has. */
function checkConf(ctx: RuleContext, o: KObject, key: string, text: string): number {
  const path: Path = ['data', key];
  const report = (line: Line | undefined, needle: string | undefined, message: string) => {
    const off = line?.at !== undefined && needle !== undefined ? line.text.indexOf(needle) : -1;
    const span: Span | undefined = off >= 0 ? { start: line!.at! + off, end: line!.at! + off + needle!.length } : undefined;
    ctx.report({ object: o, path, prefer: 'key', span, message });
  };
  const expected = SECTION_OF_KEY[key]!;
  let outputs = 0;
  let section: { name: string; line: Line; keys: Map<string, { value: string; line: Line }> } | undefined;
  let headerIndent: number | undefined;
  let keyIndent: number | undefined;
  const close = () => {
    if (!section) return;
    const required = REQUIRED[section.name];
    if (required) {
      const missing = required.filter((k) => !section!.keys.has(k.toLowerCase()));
      if (missing.length) report(section.line, section.line.text, `${key}: a [${section.name}] section lacks ${missing.join(' and ')}; Fargate requires ${required.join(' and ')}.`);
    }
    const name = section.keys.get('name');
    if (name && section.name === 'FILTER' && !FILTERS.has(name.value.toLowerCase())) {
      report(name.line, name.value, `${key}: the filter "${name.value}" is not one Fargate supports (${[...FILTERS].join(', ')}).`);
    }
    if (name && section.name === 'OUTPUT' && !OUTPUTS.has(name.value.toLowerCase())) {
      const hint = OUTPUT_HINT[name.value.toLowerCase()];
      report(name.line, name.value, `${key}: the output plugin "${name.value}" is not one Fargate supports (${[...OUTPUTS].join(', ')})${hint ? `; use ${hint}` : ''}.`);
    }
    section = undefined;
  };
  for (const line of linesOf(o, key, text)) {
    if (ENV_REF.test(line.text)) report(line, ENV_REF.exec(line.text)![0], `${key}: environment variables such as ${ENV_REF.exec(line.text)![0]} aren't allowed in Fargate's logging configuration.`);
    const header = SECTION.exec(line.text);
    if (header) {
      close();
      const name = header[1].trim().toUpperCase();
      if (headerIndent === undefined) headerIndent = line.indent;
      else if (line.indent !== headerIndent) report(line, line.text, `${key}: [${name}] is indented differently from the first section; Fargate requires one indentation for all sections.`);
      if (name !== expected) {
        const where = KEY_OF_SECTION[name];
        report(line, line.text, where
          ? `${key} has a [${name}] section; Fargate expects [${name}] sections under ${where}.`
          : `${key} has a [${name}] section; Fargate's log router manages its own inputs and service settings and accepts only [FILTER], [OUTPUT] and [PARSER] sections.`);
      }
      if (name === 'OUTPUT') outputs++;
      section = { name, line, keys: new Map() };
      continue;
    }
    if (!section) continue;
    if (keyIndent === undefined) keyIndent = line.indent;
    if (line.indent !== keyIndent || line.indent <= (headerIndent ?? 0)) {
      report(line, line.text, `${key}: "${line.text}" is indented differently; Fargate requires every key at one indentation, deeper than the section headers.`);
    }
    const [k, ...rest] = line.text.split(/\s+/);
    section.keys.set(k.toLowerCase(), { value: rest.join(' '), line });
  }
  close();
  return key === 'output.conf' ? outputs : 0;
}
