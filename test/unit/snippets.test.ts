// Every snippet lints clean: a snippet that teaches a bad habit would be worse than none.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintText } from '../../src/lint/engine';

interface Snippet {
  prefix: string;
  body: string[];
}

const file = path.resolve(__dirname, '../../snippets/kubernetes.json');
const snippets = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Snippet>;

/** Expands VS Code snippet syntax to what a user gets by accepting every default. */
export function expand(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

describe('snippets', () => {
  it('are the ones the README promises', () => {
    assert.deepEqual(Object.values(snippets).map((s) => s.prefix).sort(), [
      'k8s-deployment-eks', 'k8s-deployment-fargate', 'k8s-deployment-windows', 'k8s-hpa', 'k8s-pdb', 'k8s-service-nlb', 'k8s-serviceaccount-irsa',
    ]);
  });
  for (const [name, s] of Object.entries(snippets)) {
    it(`${s.prefix} (${name}) lints clean`, () => {
      // Snippets that refer to a workload (Service, PDB, HPA) are checked beside the EKS-ready Deployment.
      const text = expand(s.body);
      const withDeployment = /kind: (Service|PodDisruptionBudget|HorizontalPodAutoscaler)\b/.test(text) && !text.includes('kind: Deployment')
        ? `${expand(snippets['EKS-ready Deployment'].body)}\n---\n${text}`
        : text;
      // network-policy is about the namespace (one default-deny policy for all its workloads), not about a workload
      // snippet: it would fire on every snippet alone.
      const findings = lintText('snippet.yaml', withDeployment).filter((f) => f.ruleId !== 'network-policy');
      assert.deepEqual(findings.map((f) => `${f.location.line}:${f.location.column} ${f.ruleId}: ${f.message}`), []);
    });
  }
});
