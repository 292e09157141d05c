// What test/e2e/stack.ts started, as the suites (bundled into the extension host) and the UI runner read it from
// WHARF_E2E_STACK. No imports: the extension-host bundle must not pull in the harness.
/** test/env/aws-profiles.ts's profiles (not imported: that module pulls in the harness). */
export const ADMIN_PROFILE = 'wharf-admin';
export const VIEWER_PROFILE = 'wharf-viewer';

/** What the suites and scenarios read from WHARF_E2E_STACK. */
export interface E2eStack {
  overrides: Record<string, { url: string; ca: string }>;
  region: string;
  eks: { name: string; region: string }[];
  ecs: { name: string; arn: string; region: string; services: { name: string; arn: string; deploymentController: string; taskSets: number; taskDefinitionArn?: string }[] }[];
  crashLoopPod: { cluster: string; namespace: string; name: string };
}

export function readE2eStack(): E2eStack | undefined {
  const s = process.env.WHARF_E2E_STACK;
  return s ? (JSON.parse(s) as E2eStack) : undefined;
}

