// Machine output: one flat array, 1-based positions, stable order.
import type { Finding } from '../lint/types';
import { displayPath } from './run';

export interface JsonFinding {
  file: string;
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /**
   * The object the finding is about; null for the engine's file-level findings (yaml-syntax, helm-template,
   * unknown-rule, internal-error), which concern text, not an object. `namespace` is null when the manifest
   * doesn't set one (it then lands in whatever namespace kubectl is pointed at): every key is always present.
   */
  object: { kind: string; name: string; namespace: string | null } | null;
  /** A safe fix exists: `wharf lint --fix` would apply it. */
  fixable: boolean;
}

export function toJsonFinding(f: Finding): JsonFinding {
  return {
    file: displayPath(f.file),
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    line: f.location.line,
    column: f.location.column,
    endLine: f.location.endLine,
    endColumn: f.location.endColumn,
    object: f.object ? { kind: f.object.kind, name: f.object.name, namespace: f.object.namespace ?? null } : null,
    fixable: f.fix !== undefined,
  };
}

/** The same bytes as JSON.stringify(findings.map(toJsonFinding), null, 2), written in pieces. */
export function writeJson(findings: readonly Finding[], write: (s: string) => void): void {
  if (findings.length === 0) {
    write('[]\n');
    return;
  }
  let buf = '[\n';
  for (let i = 0; i < findings.length; i++) {
    buf += findingText(toJsonFinding(findings[i])) + (i < findings.length - 1 ? ',\n' : '\n');
    if (buf.length >= 1 << 16) {
      write(buf);
      buf = '';
    }
  }
  write(`${buf}]\n`);
}

const q = JSON.stringify;

/**
 * One finding as JSON.stringify(f, null, 2) prints it inside the array, written out for its fixed shape: a generic
 * stringify and a re-indenting regular expression per finding were most of a findings-dense run's output time.
 */
function findingText(f: JsonFinding): string {
  const o = f.object;
  const object = o ? `{\n      "kind": ${q(o.kind)},\n      "name": ${q(o.name)},\n      "namespace": ${o.namespace === null ? 'null' : q(o.namespace)}\n    }` : 'null';
  return (
    `  {\n    "file": ${q(f.file)},\n    "ruleId": ${q(f.ruleId)},\n    "severity": ${q(f.severity)},\n    "message": ${q(f.message)},\n` +
    `    "line": ${f.line},\n    "column": ${f.column},\n    "endLine": ${f.endLine},\n    "endColumn": ${f.endColumn},\n` +
    `    "object": ${object},\n    "fixable": ${f.fixable}\n  }`
  );
}
