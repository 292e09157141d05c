// The command table: every command Wharf contributes, by id. package.json declares the same ids; a unit test keeps
// the two in step.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';

export type CommandHandler = (ctx: Ctx, ...args: unknown[]) => unknown;

/**
 * Explorer commands live in the explorer entry (dist/explorer.js: src/commands/explorer/*, bundled with the tree), so
 * activation parses none of their code: each id here only loads the entry and forwards to it.
 */
const forward =
  (id: string): CommandHandler =>
  (ctx, ...args) =>
    ctx.explorer().run(id, ...args);

export const COMMANDS: Record<string, CommandHandler> = {
  // The lint commands run in the editor entry (dist/editor.js), loaded on first use: the lint engine is not in this bundle.
  'wharf.lint.fixAll': (ctx, uri) => ctx.editor().fixAll(ctx, uri),
  'wharf.lint.showOutput': (ctx) => ctx.output.show(true),
  'wharf.lint.relint': (ctx) => ctx.lint.relintAll(),
  'wharf.lint.openRuleDocs': (_ctx, url) => typeof url === 'string' && vscode.env.openExternal(vscode.Uri.parse(url)),
  'wharf.explorer.refresh': forward('wharf.explorer.refresh'),
  'wharf.aws.chooseProfile': forward('wharf.aws.chooseProfile'),
  'wharf.aws.chooseRegions': forward('wharf.aws.chooseRegions'),
  'wharf.explorer.goTo': forward('wharf.explorer.goTo'),
  'wharf.explorer.copyName': forward('wharf.explorer.copyName'),
  'wharf.explorer.copyArn': forward('wharf.explorer.copyArn'),
  'wharf.explorer.openInConsole': forward('wharf.explorer.openInConsole'),
  'wharf.explorer.viewYaml': forward('wharf.explorer.viewYaml'),
  'wharf.explorer.describe': forward('wharf.explorer.describe'),
  'wharf.explorer.viewTaskDefinition': forward('wharf.explorer.viewTaskDefinition'),
  'wharf.aws.signIn': forward('wharf.aws.signIn'),
  'wharf.aws.browseSsoAccounts': forward('wharf.aws.browseSsoAccounts'),
  'wharf.aws.enterMfa': forward('wharf.aws.enterMfa'),
  'wharf.eks.showAuthDiagnosis': forward('wharf.eks.showAuthDiagnosis'),
  'wharf.eks.writeKubeconfig': forward('wharf.eks.writeKubeconfig'),
  'wharf.explorer.openShell': forward('wharf.explorer.openShell'),
  'wharf.kube.portForward': forward('wharf.kube.portForward'),
  'wharf.kube.stopPortForward': forward('wharf.kube.stopPortForward'),
  'wharf.kube.listPortForwards': forward('wharf.kube.listPortForwards'),
  'wharf.kube.openPortForward': forward('wharf.kube.openPortForward'),
  'wharf.explorer.openLogs': forward('wharf.explorer.openLogs'),
  'wharf.ecs.enableExec': forward('wharf.ecs.enableExec'),
  'wharf.eks.upgradeReadiness': forward('wharf.eks.upgradeReadiness'),
  'wharf.upgrade.reveal': forward('wharf.upgrade.reveal'),
  'wharf.upgrade.export': forward('wharf.upgrade.export'),
  'wharf.logs.stop': forward('wharf.logs.stop'),
  'wharf.logs.resume': forward('wharf.logs.resume'),
  'wharf.logs.filter': forward('wharf.logs.filter'),
  'wharf.scan.cluster': forward('wharf.scan.cluster'),
  'wharf.scan.namespace': forward('wharf.scan.namespace'),
  'wharf.scan.exportSarif': forward('wharf.scan.exportSarif'),
  'wharf.scan.exportMarkdown': forward('wharf.scan.exportMarkdown'),
  'wharf.validate.run': forward('wharf.validate.run'),
  'wharf.validate.diff': forward('wharf.validate.diff'),
  'wharf.validate.apply': forward('wharf.validate.apply'),
  'wharf.validate.chooseTarget': forward('wharf.validate.chooseTarget'),
  'wharf.kube.scale': forward('wharf.kube.scale'),
  'wharf.kube.restart': forward('wharf.kube.restart'),
  'wharf.kube.deletePod': forward('wharf.kube.deletePod'),
  'wharf.ecs.forceNewDeployment': forward('wharf.ecs.forceNewDeployment'),
  'wharf.ecs.setDesiredCount': forward('wharf.ecs.setDesiredCount'),
  'wharf.ecs.stopTask': forward('wharf.ecs.stopTask'),
};

export function registerCommands(ctx: Ctx): void {
  for (const [id, handler] of Object.entries(COMMANDS)) {
    ctx.subscribe(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await handler(ctx, ...args);
        } catch (e) {
          ctx.output.error(`${id} failed: ${(e as Error).stack ?? e}`);
          void vscode.window.showErrorMessage(`Wharf: ${id} failed: ${(e as Error).message}`, 'Show Output').then((b) => b && ctx.output.show());
          return undefined;
        }
      }),
    );
  }
}
