// Machine output: one flat array, 1-based positions, stable order.
import type { Finding } from '../lint/types';
import { displayPath } from './run';
import { writeJsonArray } from './write-json';

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
  writeJsonArray(findings, toJsonFinding, 0, write);
  write('\n');
}
