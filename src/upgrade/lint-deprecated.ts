// The lint engine's deprecated-api rule alone, at a given Kubernetes version: what the upgrade report runs over the
// workspace's manifests. It lives in the editor entry (dist/editor.js, with the engine), which the explorer's report
// command reaches through Ctx.editor(), so the explorer bundle carries no lint engine.
import { resolveConfig } from '../lint/config';
import { lintText } from '../lint/engine';
import deprecatedApiRule from '../lint/rules/deprecated-api';
import type { Finding } from '../lint/types';

export function lintDeprecatedApis(path: string, text: string, kubernetesVersion: string): Finding[] {
  return lintText(path, text, { rules: [deprecatedApiRule], config: resolveConfig({ kubernetesVersion }) }).filter((x) => x.ruleId === 'deprecated-api');
}
