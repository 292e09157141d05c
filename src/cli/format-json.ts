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
  /** The object the finding is about; null for file-level findings (a syntax error, a Helm template). */
  object: { kind: string; name: string; namespace?: string } | null;
  fixable: boolean;
}

export function toJson(findings: readonly Finding[]): JsonFinding[] {
  return findings.map((f) => ({
    file: displayPath(f.file),
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    line: f.location.line,
    column: f.location.column,
    endLine: f.location.endLine,
    endColumn: f.location.endColumn,
    object: f.object ? { kind: f.object.kind, name: f.object.name, ...(f.object.namespace ? { namespace: f.object.namespace } : {}) } : null,
    fixable: f.fix !== undefined,
  }));
}

export function formatJson(findings: readonly Finding[]): string {
  return JSON.stringify(toJson(findings), null, 2) + '\n';
}
