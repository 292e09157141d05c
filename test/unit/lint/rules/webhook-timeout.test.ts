import rule from '../../../../src/lint/rules/webhook-timeout';
import { ruleTester } from '../rule-tester';

const hook = (t: string, version = 'v1', kind = 'ValidatingWebhookConfiguration') => `apiVersion: admissionregistration.k8s.io/${version}
kind: ${kind}
metadata:
  name: policy
webhooks:
- name: pods.policy.example.com
${t}  sideEffects: None
`;

ruleTester(rule, {
  valid: [
    { code: hook('  timeoutSeconds: 10\n') },
    { name: 'at the budget', code: hook('  timeoutSeconds: 15\n') },
    { name: 'v1 defaults to 10s', code: hook('') },
    { name: 'within a raised budget', code: hook('  timeoutSeconds: 25\n'), config: { rules: { 'webhook-timeout': { budgetSeconds: 25 } } } },
    { name: 'not a webhook configuration', code: hook('  timeoutSeconds: 30\n', 'v1', 'ValidatingAdmissionPolicy') },
  ],
  invalid: [
    {
      code: hook('  timeoutSeconds: 30\n'),
      errors: [{ line: 7, column: 19, endColumn: 21, message: 'ValidatingWebhookConfiguration policy: webhook pods.policy.example.com may hold every matching API request for 30s; keep timeoutSeconds within 15s.' }],
      suggestionOutput: hook('  timeoutSeconds: 15\n'),
    },
    {
      name: 'a lowered budget, mutating webhook',
      code: hook('  timeoutSeconds: 10\n', 'v1', 'MutatingWebhookConfiguration'),
      config: { rules: { 'webhook-timeout': { budgetSeconds: 5 } } },
      errors: [{ line: 7, column: 19, message: 'within 5s' }],
      suggestionOutput: hook('  timeoutSeconds: 5\n', 'v1', 'MutatingWebhookConfiguration'),
    },
    {
      name: 'v1beta1 defaults to 30s',
      code: hook('', 'v1beta1'),
      errors: [{ line: 6, column: 9, message: 'for 30s (the admissionregistration.k8s.io/v1beta1 default)' }],
      suggestionOutput: hook('', 'v1beta1') + '  timeoutSeconds: 15\n',
    },
  ],
});
