import rule from '../../../../src/lint/rules/fargate-logging-config';
import { ruleTester } from '../rule-tester';

const cm = (data: string) => `kind: ConfigMap
apiVersion: v1
metadata:
  name: aws-logging
  namespace: aws-observability
data:
${data}`;
const out = (plugin = 'cloudwatch_logs', extra = '        region us-east-1\n') => `  output.conf: |\n    [OUTPUT]\n        Name ${plugin}\n        Match *\n${extra}`;
const output = out();
// The Amazon EKS user guide's CloudWatch example.
const guide = `  flb_log_cw: "false"  # Set to true to ship Fluent Bit process logs to CloudWatch.
  filters.conf: |
    [FILTER]
        Name parser
        Match *
        Key_name log
        Parser crio
    [FILTER]
        Name kubernetes
        Match kube.*
        Merge_Log On
        Keep_Log Off
        Buffer_Size 0
        Kube_Meta_Cache_TTL 300s
  output.conf: |
    [OUTPUT]
        Name cloudwatch_logs
        Match   kube.*
        region region-code
        log_group_name my-logs
        log_stream_prefix from-fluent-bit-
        log_retention_days 60
        auto_create_group true
  parsers.conf: |
    [PARSER]
        Name crio
        Format Regex
        Regex ^(?<time>[^ ]+) (?<stream>stdout|stderr) (?<logtag>P|F) (?<log>.*)$
        Time_Key    time
        Time_Format %Y-%m-%dT%H:%M:%S.%L%z
`;
const ns = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: aws-observability\n${labels}`;

ruleTester(rule, {
  valid: [
    { name: 'CloudWatch output', code: cm(output + '  flb_log_cw: "true"\n') },
    { name: 'the user guide example', code: cm(guide) },
    { name: 'es, kinesis and firehose outputs; comments', code: cm(`  output.conf: |\n    # to OpenSearch\n    [OUTPUT]\n      Name  es\n      Match *\n    [OUTPUT]\n      Name kinesis\n      Match *\n    [OUTPUT]\n      Name firehose\n      Match *\n`) },
    { name: 'labelled namespace in the workspace', code: cm(output), files: { 'ns.yaml': ns('  labels:\n    aws-observability: enabled\n') } },
    { name: 'another ConfigMap', code: cm('  fluent-bit.conf: "[INPUT]"\n').replace('aws-logging', 'fluent-bit') },
    { name: 'same name in another namespace', code: cm('  fluent-bit.conf: "[INPUT]"\n').replace('namespace: aws-observability', 'namespace: logging') },
    { name: 'an unlabelled Namespace alone', code: ns('') },
  ],
  invalid: [
    {
      name: 'an [INPUT] section',
      code: cm('  output.conf: |\n    [INPUT]\n        Name tail\n' + output.slice(17)),
      errors: [{ line: 8, column: 5, endColumn: 12, message: 'ConfigMap aws-logging: output.conf has a [INPUT] section; Fargate\'s log router manages its own inputs' }],
    },
    { name: 'a [FILTER] under output.conf', code: cm(output + '    [FILTER]\n        Name grep\n        Match *\n'), errors: [{ line: 12, column: 5, message: 'Fargate expects [FILTER] sections under filters.conf' }] },
    { name: 'an unknown key', code: cm(output + '  fluent-bit.conf: x\n'), errors: [{ line: 12, column: 3, endColumn: 18, message: 'has the key "fluent-bit.conf"' }] },
    { name: 'an unsupported output', code: cm(out('datadog')), errors: [{ line: 9, column: 14, endColumn: 21, message: 'the output plugin "datadog" is not one Fargate supports' }] },
    { name: 'opensearch is spelled es on Fargate', code: cm(out('opensearch')), errors: [{ line: 9, column: 14, message: '; use es.' }] },
    { name: 'kinesis_streams is spelled kinesis on Fargate', code: cm(out('kinesis_streams')), errors: [{ line: 9, column: 14, message: '; use kinesis.' }] },
    { name: 'an unsupported filter', code: cm(output + '  filters.conf: |\n    [FILTER]\n        Name lua\n        Match *\n'), errors: [{ line: 14, column: 14, message: 'the filter "lua" is not one Fargate supports' }] },
    { name: 'a section without Match', code: cm('  output.conf: |\n    [OUTPUT]\n        Name cloudwatch\n'), errors: [{ line: 8, column: 5, message: 'a [OUTPUT] section lacks Match' }] },
    { name: 'a parser without Format', code: cm(output + '  parsers.conf: |\n    [PARSER]\n        Name json\n'), errors: [{ line: 13, column: 5, message: 'lacks Format; Fargate requires Name and Format' }] },
    { name: 'an environment variable', code: cm(out('cloudwatch_logs', '        region ${AWS_REGION}\n')), errors: [{ line: 11, column: 16, endColumn: 29, message: 'environment variables such as ${AWS_REGION}' }] },
    { name: 'uneven key indentation', code: cm(out('cloudwatch_logs', '      region us-east-1\n')), errors: [{ line: 11, column: 7, message: 'is indented differently' }] },
    {
      name: 'a double-quoted value is located too',
      code: cm('  output.conf: "[OUTPUT]\\n    Name datadog\\n    Match *\\n"\n'),
      errors: [{ line: 7, column: 36, endColumn: 43, message: '"datadog"' }],
    },
    { name: 'too long', code: cm(output + `  filters.conf: "${'x'.repeat(5300)}"\n`), errors: [{ line: 6, column: 1, message: 'holds 5367 characters of configuration; Fargate accepts at most 5300' }] },
    { name: 'no output at all', code: cm('  flb_log_cw: "true"\n'), errors: [{ line: 6, column: 1, message: 'has no [OUTPUT] section' }] },
    {
      name: 'the Namespace in the workspace lacks the label',
      code: cm(output),
      files: { 'ns.yaml': ns('  labels: {team: platform}\n') },
      errors: [{ line: 5, column: 14, message: 'which lacks the label aws-observability: enabled', relatedLine: 4 }],
    },
  ],
});
