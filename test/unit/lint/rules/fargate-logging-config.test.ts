import rule from '../../../../src/lint/rules/fargate-logging-config';
import { ruleTester } from '../rule-tester';

const cm = (data: string) => `kind: ConfigMap
apiVersion: v1
metadata:
  name: aws-logging
  namespace: aws-observability
data:
${data}`;
const output = '  output.conf: |\n    [OUTPUT]\n        Name cloudwatch_logs\n        Match *\n        region us-east-1\n';

ruleTester(rule, {
  valid: [
    { code: cm(output + '  flb_log_cw: "true"\n') },
    { name: 'labelled namespace', code: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: aws-observability\n  labels:\n    aws-observability: enabled\n' },
    { name: 'another ConfigMap', code: cm('  fluent-bit.conf: "[INPUT]"\n').replace('aws-logging', 'fluent-bit') },
  ],
  invalid: [
    { name: 'input section', code: cm('  output.conf: |\n    [INPUT]\n        Name tail\n' + output.slice(16)), errors: [{ line: 8, column: 5, endColumn: 12, message: 'has a [INPUT] section' }] },
    { name: 'unknown key', code: cm(output + '  fluent-bit.conf: x\n'), errors: [{ line: 12, column: 3, message: 'has the key "fluent-bit.conf"' }] },
    { name: 'unsupported output', code: cm(output.replace('cloudwatch_logs', 'datadog')), errors: [{ line: 9, column: 14, message: 'output plugin "datadog"' }] },
    { name: 'too long', code: cm(output + `  filters.conf: "${'x'.repeat(5300)}"\n`), errors: [{ line: 6, column: 1, message: 'Fargate accepts at most 5300' }] },
    { name: 'unlabelled namespace', code: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: aws-observability\n', errors: [{ line: 4, column: 9, message: 'lacks the label aws-observability: enabled' }] },
  ],
});
