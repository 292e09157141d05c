import rule from '../../../../src/lint/rules/webhook-fail-open';
import { ruleTester } from '../rule-tester';

const hook = (extra: string, resources = 'pods', version = 'v1', groups = '""') => `apiVersion: admissionregistration.k8s.io/${version}
kind: MutatingWebhookConfiguration
metadata:
  name: inject
webhooks:
- name: inject.example.com
${extra}  rules:
  - {apiGroups: [${groups}], apiVersions: [v1], operations: [CREATE], resources: [${resources}]}
`;
const fail = '  failurePolicy: Fail\n';
const notIn = (values: string) => `  namespaceSelector:\n    matchExpressions:\n    - {key: kubernetes.io/metadata.name, operator: NotIn, values: [${values}]}\n`;
const kubeSystem = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kube-system\n  labels: {${labels}}\n`;

ruleTester(rule, {
  valid: [
    { name: 'fails open', code: hook('  failurePolicy: Ignore\n') },
    { name: 'excludes kube-system', code: hook(fail + notIn('kube-system, kube-public')) },
    { name: 'opt-in namespaces by label', code: hook(fail + '  namespaceSelector:\n    matchLabels: {injection: enabled}\n') },
    { name: 'opt-in pods by label', code: hook(fail + '  objectSelector:\n    matchLabels: {inject: "true"}\n') },
    { name: 'only configmaps', code: hook(fail, 'configmaps') },
    { name: 'pods of another API group', code: hook(fail, 'pods', 'v1', 'metrics.k8s.io') },
    { name: 'cluster-scoped only', code: hook(fail, '"*"').replace('resources: ["*"]}', 'resources: ["*"], scope: Cluster}') },
    { name: 'v1beta1 defaults to Ignore', code: hook('', 'pods', 'v1beta1') },
  ],
  invalid: [
    {
      name: 'explicit Fail, no selector',
      code: hook(fail),
      errors: [{ line: 7, column: 18, endColumn: 22, message: 'MutatingWebhookConfiguration inject: webhook inject.example.com fails closed on pods in every namespace, kube-system included' }],
      suggestionOutput: hook(fail) + '  namespaceSelector:\n    matchExpressions:\n    - key: kubernetes.io/metadata.name\n      operator: NotIn\n      values:\n      - kube-system\n',
    },
    { name: 'v1 default, all resources', code: hook('', '"*/*"', 'v1', '"*"'), errors: [{ line: 6, column: 9, message: 'fails closed (the v1 default)' }] },
    { name: 'a pod subresource', code: hook(fail, 'pods/exec'), errors: [{ line: 7, column: 18 }] },
    {
      name: 'a selector that excludes other namespaces only: the expression is appended',
      code: hook(fail + notIn('istio-system')),
      errors: [{ line: 7, column: 18 }],
      suggestionOutput: hook(fail + notIn('istio-system') + '    - key: kubernetes.io/metadata.name\n      operator: NotIn\n      values:\n      - kube-system\n'),
    },
    {
      name: 'an opt-out label that kube-system lacks',
      code: hook(fail + '  namespaceSelector:\n    matchExpressions:\n    - {key: webhooks/skip, operator: DoesNotExist}\n'),
      errors: [{ line: 7, column: 18 }],
    },
    {
      name: 'an opt-in label that kube-system carries in the workspace',
      code: hook(fail + '  namespaceSelector:\n    matchLabels: {team: platform}\n'),
      files: { 'ns.yaml': kubeSystem('team: platform') },
      errors: [{ line: 7, column: 18 }],
    },
    {
      name: 'an objectSelector that unlabelled pods pass',
      code: hook(fail + '  objectSelector:\n    matchExpressions:\n    - {key: skip-injection, operator: DoesNotExist}\n'),
      errors: [{ line: 7, column: 18 }],
    },
  ],
});
