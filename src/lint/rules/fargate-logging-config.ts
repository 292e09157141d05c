import type { Node } from 'yaml';
import { locate } from '../locate';
import { defineRule } from '../rule';
import type { Span } from '../types';
import { get, isObj } from '../walk';

const NAMESPACE = 'aws-observability';
const ALLOWED_KEYS = new Set(['output.conf', 'filters.conf', 'parsers.conf', 'flb_log_cw']);
// Fargate's log router takes [FILTER] and [OUTPUT] sections, and [PARSER] in parsers.conf; it runs its own inputs.
const ALLOWED_SECTIONS = new Set(['FILTER', 'OUTPUT', 'PARSER']);
// The output plugins the Amazon EKS user guide ("Fargate logging") lists.
const OUTPUTS = new Set(['cloudwatch_logs', 'cloudwatch', 'es', 'opensearch', 'kinesis_firehose', 'firehose', 'kinesis_streams', 'kinesis']);
const MAX_CHARS = 5300;

export default defineRule({
  meta: {
    id: 'fargate-logging-config',
    category: 'eks',
    defaultSeverity: 'error',
    description: 'The Fargate log router\'s aws-logging ConfigMap has keys, sections or outputs Fargate rejects.',
    rationale:
      'Fargate\'s built-in Fluent Bit validates the aws-logging ConfigMap in the aws-observability namespace: only output.conf, filters.conf, parsers.conf and flb_log_cw keys, only [FILTER]/[OUTPUT]/[PARSER] sections, only CloudWatch, OpenSearch, Firehose and Kinesis outputs, at most 5,300 characters, and a namespace labelled aws-observability: enabled. Otherwise logging silently stays off. Source: the Amazon EKS user guide, "Fargate logging".',
    fixable: 'none',
    crossDocument: true,
  },
  check(ctx) {
    for (const o of ctx.objects) {
      if (o.kind === 'Namespace' && o.name === NAMESPACE) {
        if (get(o.value, ['metadata', 'labels', 'aws-observability']) !== 'enabled') {
          ctx.report({ object: o, path: ['metadata', 'name'], message: 'lacks the label aws-observability: enabled, so Fargate ignores its logging configuration.' });
        }
        continue;
      }
      if (o.kind !== 'ConfigMap' || o.name !== 'aws-logging' || o.namespace !== NAMESPACE) continue;
      const data = o.value.data;
      if (!isObj(data)) continue;
      let total = 0;
      for (const [key, value] of Object.entries(data)) {
        const text = String(value ?? '');
        total += text.length;
        if (!ALLOWED_KEYS.has(key)) {
          ctx.report({ object: o, path: ['data', key], prefer: 'key', message: `has the key "${key}"; Fargate accepts only ${[...ALLOWED_KEYS].join(', ')}.` });
          continue;
        }
        if (key === 'flb_log_cw') continue;
        const node = locate(o, ['data', key]).node as Node;
        const base = node.range ? node.range[0] : 0;
        const raw = node.range ? o.file.text.slice(node.range[0], node.range[1]) : '';
        const at = (needle: string, from = 0): Span | undefined => {
          const i = raw.indexOf(needle, from);
          return i < 0 ? undefined : { start: base + i, end: base + i + needle.length };
        };
        for (const m of text.matchAll(/^\s*\[([A-Z_]+)\]/gm)) {
          const section = m[1];
          if (ALLOWED_SECTIONS.has(section)) continue;
          ctx.report({ object: o, path: ['data', key], span: at(`[${section}]`), message: `${key} has a [${section}] section; Fargate's log router accepts only [FILTER], [OUTPUT] and [PARSER].` });
        }
        if (key === 'output.conf') {
          for (const m of text.matchAll(/^\s*Name\s+(\S+)/gim)) {
            if (OUTPUTS.has(m[1])) continue;
            const sections = [...text.slice(0, m.index).matchAll(/\[([A-Z_]+)\]/g)];
            if (sections[sections.length - 1]?.[1] !== 'OUTPUT') continue;
            ctx.report({ object: o, path: ['data', key], span: at(m[1]), message: `uses the output plugin "${m[1]}", which Fargate does not support (use cloudwatch_logs, opensearch, kinesis_firehose or kinesis_streams).` });
          }
        }
      }
      if (total > MAX_CHARS) {
        ctx.report({ object: o, path: ['data'], prefer: 'key', message: `holds ${total} characters of configuration; Fargate accepts at most ${MAX_CHARS}.` });
      }
    }
  },
});
