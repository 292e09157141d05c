// Findings the engine itself makes (not a best-practice rule): they have ids and docs like rules do, so SARIF
// and the editor can describe them, and they can be suppressed where that makes sense.
import type { RuleMeta } from './types';

const engine = (id: string, defaultSeverity: RuleMeta['defaultSeverity'], description: string, rationale: string): RuleMeta => ({
  id,
  category: 'engine',
  defaultSeverity,
  description,
  rationale,
  fixable: 'none',
});

export const ENGINE_RULES: readonly RuleMeta[] = [
  engine('yaml-syntax', 'error', 'The document is not valid YAML.', 'A document that does not parse is not applied by kubectl; the other documents of the file are still checked.'),
  engine('helm-template', 'info', 'A Helm template ({{ }}) is not linted until it is rendered.', 'Template syntax is not YAML; lint the output of `helm template` instead.'),
  engine('unknown-rule', 'warning', 'A suppression names a rule that does not exist.', 'A misspelt id in a suppression silently suppresses nothing.'),
  engine('file-too-large', 'error', 'The file is over the size limit and was not linted.', 'Parsing costs memory in proportion to the input, so files over the limit (64 MB by default in the CLI, `--max-file-size`) are refused rather than risking the run; raise the limit for a real manifest that large.'),
  engine('internal-error', 'error', 'A rule failed on this input.', 'The other rules still ran; please report the input that caused it.'),
  engine('invalid-config', 'error', 'A key or value of .wharf.yaml is wrong.', 'A configuration mistake would otherwise change what is checked without anyone noticing.'),
];
