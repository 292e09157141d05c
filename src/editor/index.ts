// The linter's editor features: diagnostics, quick fixes, hovers.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { WharfCodeActions } from './code-actions';
import { WharfHover } from './hover';

// YAML by language, and *.yaml / *.yml files another extension gave a language of its own (see isCandidate).
const YAML: vscode.DocumentSelector = [
  { language: 'yaml', scheme: 'file' },
  { language: 'yaml', scheme: 'untitled' },
  { scheme: 'file', pattern: '**/*.{yaml,yml}' },
];

export function registerEditorFeatures(ctx: Ctx): void {
  const lint = ctx.lint;
  lint.start();
  ctx.subscribe(
    vscode.languages.registerCodeActionsProvider(YAML, new WharfCodeActions(lint), WharfCodeActions.metadata),
    vscode.languages.registerHoverProvider(YAML, new WharfHover(lint)),
  );
}
