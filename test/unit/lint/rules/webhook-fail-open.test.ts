import rule from '../../../../src/lint/rules/webhook-fail-open';
import { ruleTester } from '../rule-tester';

const hook = (extra: string, resources = 'pods', version = 'v1') => `apiVersion: admissionregistration.k8s.io/${version}
kind: MutatingWebhookConfiguration
metadata:
  name: inject
webhooks:
- name: inject.example.com
${extra}  rules:
  - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [${resources}]}
`;
const excluded = '  namespaceSelector:\n    matchExpressions:\n    - {key: kubernetes.io/metadata.name, operator: NotIn, values: [kube-system]}\n';

ruleTester(rule, {
  valid: [
    { name: 'fails open', code: hook('  failurePolicy: Ignore\n') },
    { name: 'excludes kube-system', code: hook('  failurePolicy: Fail\n' + excluded) },
    { name: 'only configmaps', code: hook('  failurePolicy: Fail\n', 'configmaps') },
    { name: 'v1beta1 defaults to Ignore', code: hook('', 'pods', 'v1beta1') },
  ],
  invalid: [
    { name: 'explicit Fail', code: hook('  failurePolicy: Fail\n'), errors: [{ line: 7, column: 18, message: 'fails closed for pods in every namespace' }], suggestionOutput: hook('  failurePolicy: Fail\n') + '  namespaceSelector:\n    matchExpressions:\n    - key: kubernetes.io/metadata.name\n      operator: NotIn\n      values:\n      - kube-system\n' },
    { name: 'v1 default, all resources', code: hook('', '"*"'), errors: [{ line: 6, column: 9, message: '(the v1 default)' }] },
  ],
});
