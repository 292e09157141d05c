// The rule registry. Each rule lives in its own file named by its id.
import type { Rule } from '../rule';
import noPrivilegeEscalation from './no-privilege-escalation';
import noPrivileged from './no-privileged';
import replicasMin from './replicas-min';

export { docsUrl } from './docs';

export const allRules: readonly Rule[] = [
  replicasMin,
  noPrivileged,
  noPrivilegeEscalation,
];
