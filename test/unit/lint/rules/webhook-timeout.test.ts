import rule from '../../../../src/lint/rules/webhook-timeout';
import { ruleTester } from '../rule-tester';

const hook = (t: string) => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: policy
webhooks:
- name: pods.policy.example.com
${t}  sideEffects: None
`;

ruleTester(rule, {
  valid: [{ code: hook('  timeoutSeconds: 10\n') }, { name: 'default 10s', code: hook('') }, { name: 'within a raised budget', code: hook('  timeoutSeconds: 25\n'), config: { rules: { 'webhook-timeout': { budgetSeconds: 25 } } } }],
  invalid: [{ code: hook('  timeoutSeconds: 30\n'), errors: [{ line: 7, column: 19, message: 'for 30s; keep timeoutSeconds within 15s' }], suggestionOutput: hook('  timeoutSeconds: 15\n') }],
});
