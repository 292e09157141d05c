// "View YAML" and "Describe" for every Kubernetes object node, "View Task Definition" for ECS services, task sets and
// tasks: each opens a read-only document of the `wharf` scheme (views/documents.ts).
import * as vscode from 'vscode';
import { RESOURCES } from '../../kube/resources';
import type { WharfDocuments } from '../../views/documents';
import type { NodeTarget } from '../../views/target';
import { refOf, scopeOf, type DocRequest } from './doc-uri';

function kubeRequest(doc: 'yaml' | 'describe', t: NodeTarget | undefined): DocRequest | undefined {
  if (t?.type === 'kubeObject') return { doc, ref: refOf(t), resource: t.resource, namespace: t.namespace, name: t.name };
  // A container is part of its pod: show the pod.
  if (t?.type === 'kubeContainer') return { doc, ref: refOf(t), resource: RESOURCES.pods, namespace: t.namespace, name: t.pod };
  return undefined;
}

export function taskDefinitionOf(t: NodeTarget | undefined): string | undefined {
  switch (t?.type) {
    case 'ecsService':
      return t.service.taskDefinition ?? t.service.deployments.find((d) => d.status === 'PRIMARY')?.taskDefinition;
    case 'ecsTaskSet':
      return t.taskSet.taskDefinition;
    case 'ecsTask':
    case 'ecsContainer':
      return t.task.taskDefinitionArn;
    default:
      return undefined;
  }
}

const needsNode = (what: string, where: string) =>
  void vscode.window.showInformationMessage(`Wharf: ${what} needs ${where}: right-click one in the Wharf view, or use "Wharf: Go to Cluster, Service, Workload or Pod…" first.`);

export async function viewYaml(docs: WharfDocuments, t: NodeTarget | undefined): Promise<void> {
  const r = kubeRequest('yaml', t);
  if (!r) return needsNode('View YAML', 'a Kubernetes object');
  await docs.open(r);
}

export async function describe(docs: WharfDocuments, t: NodeTarget | undefined): Promise<void> {
  const r = kubeRequest('describe', t);
  if (!r) return needsNode('Describe', 'a Kubernetes object');
  await vscode.commands.executeCommand('markdown.showPreview', docs.uri(r));
}

export async function viewTaskDefinition(docs: WharfDocuments, t: NodeTarget | undefined): Promise<void> {
  const arn = taskDefinitionOf(t);
  if (!t || !arn || !('region' in t)) return needsNode('View Task Definition', 'an ECS service, task set or task');
  const doc = await docs.open({ doc: 'taskDefinition', scope: scopeOf(t), arn });
  await vscode.languages.setTextDocumentLanguage(doc.document, 'json');
}
