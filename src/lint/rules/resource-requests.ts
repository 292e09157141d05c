import { setIn } from '../edit';
import { defineRule } from '../rule';
import type { KObject } from '../source';
import type { TextEdit } from '../types';
import { get } from '../walk';

// Small enough to schedule anywhere, round enough to be recognised as a guess; the comment says so in the file.
const PLACEHOLDER: Record<'cpu' | 'memory', string> = { cpu: '100m', memory: '128Mi' };
const NOTE = ' # placeholder: set from measured usage';
const BLOCK_LINE = /^ *(?:cpu: 100m|memory: 128Mi)$/gm;
const LINE_REST = /^[ \t]*(?:#.*)?(?:\n|$)/;

/** Marks the inserted values as placeholders with a comment, wherever a comment can go without breaking the YAML. */
function markPlaceholders(obj: KObject, edits: TextEdit[] | undefined): TextEdit[] | undefined {
  return edits?.map((e) => {
    if (e.text.includes('\n')) return { ...e, text: e.text.replace(BLOCK_LINE, (line) => line + NOTE) };
    // A flow map (`requests: {memory: 1Gi}`) takes the comment after it, unless more flow syntax follows.
    return LINE_REST.test(obj.file.text.slice(e.end)) ? { ...e, text: e.text + NOTE } : e;
  });
}

export default defineRule({
  meta: {
    id: 'resource-requests',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A container has no CPU or no memory request.',
    rationale:
      'The scheduler places pods, and the Cluster Autoscaler and Karpenter size and bin-pack nodes, by requests: without them pods land on full nodes, are evicted first under pressure (BestEffort) and node counts and cost drift. The EKS Best Practices Guide (reliability: applications, and cost optimization: "configure resource requests and limits") asks for requests on every container.',
    fixable: 'suggest',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      // Ephemeral (debug) containers may not declare resources.
      if (c.list === 'ephemeralContainers') continue;
      const requests = get(c.container, ['resources', 'requests']);
      const limits = get(c.container, ['resources', 'limits']);
      // The API server copies a limit into an unset request of the same resource, so a limit is a request too.
      const missing = (['cpu', 'memory'] as const).filter((r) => get(requests, [r]) === undefined && get(limits, [r]) === undefined);
      if (missing.length === 0) continue;
      const requestsPath = [...c.path, 'resources', 'requests'];
      // Made only when the suggestion is shown or applied: most runs (CI, the CLI) never look at it.
      const edits = () => markPlaceholders(c.pod.object, missing.length === 2
        ? setIn(c.pod.object, requestsPath, { cpu: PLACEHOLDER.cpu, memory: PLACEHOLDER.memory })
        : setIn(c.pod.object, [...requestsPath, missing[0]], PLACEHOLDER[missing[0]]));
      ctx.report({
        object: c.pod.object,
        path: requests === undefined || requests === null ? c.path : requestsPath,
        message: `container "${c.name}" has no ${missing.join(' or ')} request: the scheduler and node autoscalers can't size nodes for it; request what it uses.`,
        suggest: [{ title: `Add placeholder ${missing.join(' and ')} requests (${missing.map((r) => PLACEHOLDER[r]).join(', ')}; tune them)`, edits }],
      });
    }
  },
});
