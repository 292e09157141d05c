// The linter's editor features: diagnostics, quick fixes, hovers. This file is the dist/editor.js entry (see
// esbuild.mjs): Ctx loads it on first need (src/lazy.ts), so the lint engine and `yaml` stay out of activation.
// The lint commands' implementations are exported here for the activation command table to forward to.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { registerClusterLink } from './cluster-link';
import { WharfCodeActions } from './code-actions';
import { DiagnosticsController } from './diagnostics';
import { WharfHover } from './hover';

export { fixAll } from './fix-all';
// For the explorer's upgrade readiness report (src/commands/upgrade): the deprecated-api rule at a given version.
export { lintDeprecatedApis } from '../upgrade/lint-deprecated';

// YAML by language, and *.yaml / *.yml files another extension gave a language of its own (see isCandidate).
const YAML: vscode.DocumentSelector = [
  { language: 'yaml', scheme: 'file' },
  { language: 'yaml', scheme: 'untitled' },
  { scheme: 'file', pattern: '**/*.{yaml,yml}' },
];

export function createDiagnostics(ctx: Ctx): DiagnosticsController {
  return new DiagnosticsController(ctx);
}

export function registerEditorFeatures(ctx: Ctx): void {
  const lint = ctx.lint;
  lint.start();
  ctx.subscribe(
    vscode.languages.registerCodeActionsProvider(YAML, new WharfCodeActions(lint), WharfCodeActions.metadata),
    vscode.languages.registerHoverProvider(YAML, new WharfHover(lint)),
  );
  registerClusterLink(ctx);
}
