import rule from '../../../../src/lint/rules/no-bare-pods';
import { deployment, pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

const owned = (ref: string) => pod().replace('  name: web\n', `  name: web\n  ownerReferences:\n  - ${ref}\n`);
const list = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: debug}
  spec:
    containers: [{name: sh, image: busybox:1.36}]
`;

ruleTester(rule, {
  valid: [
    { name: 'a Deployment', code: deployment() },
    { name: 'a Pod owned by a ReplicaSet', code: owned('{apiVersion: apps/v1, kind: ReplicaSet, name: web-1, uid: x, controller: true}') },
    { name: 'a mirror pod, owned by its Node', code: owned('{apiVersion: v1, kind: Node, name: ip-10-0-0-1, uid: y, controller: true}') },
    { name: 'suppressed by annotation', code: pod().replace('  name: web\n', '  name: web\n  annotations: {wharf.dev/ignore: no-bare-pods}\n') },
    { name: 'not Kubernetes', code: 'kind: Pod\nspec: {}\n' },
  ],
  invalid: [
    { name: 'bare Pod', code: pod(), errors: [{ line: 2, column: 7, endColumn: 10, message: 'Pod web: is a bare Pod (no controller owns it)' }] },
    { name: 'owner that is not a controller', code: owned('{apiVersion: v1, kind: ConfigMap, name: cfg, uid: z}'), errors: [{ line: 2, column: 7, message: 'run it from a Deployment, StatefulSet or Job' }] },
    { name: 'controller: false', code: owned('{apiVersion: apps/v1, kind: ReplicaSet, name: web-1, uid: x, controller: false}'), errors: [{ line: 2, column: 7 }] },
    { name: 'a Pod inside a List', code: list, errors: [{ line: 5, column: 9, endColumn: 12, message: 'Pod debug:' }] },
  ],
});
