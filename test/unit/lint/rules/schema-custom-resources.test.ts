// The schema rule on custom resources: checked against a CRD of the workspace, or Karpenter's shipped schemas.
import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { compileSchema } from '../../../../src/lint/crd-schema';
import { customResourceSchema } from '../../../../src/lint/crd-schema-lookup';
import rule from '../../../../src/lint/rules/schema';
import { parseSource } from '../../../../src/lint/source';
import { Workspace } from '../../../../src/lint/workspace';
import { lintWith, ruleTester } from '../rule-tester';

const WIDGET_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            required: [size]
            properties:
              size: {type: integer}
              ratio: {type: number}
              enabled: {type: boolean}
              color: {type: string, enum: [red, green, blue]}
              port: {x-kubernetes-int-or-string: true}
              labels: {type: object, additionalProperties: {type: string}}
              config: {type: object, x-kubernetes-preserve-unknown-fields: true}
              extra:
                type: object
                x-kubernetes-preserve-unknown-fields: true
                properties:
                  mode: {type: string, enum: [fast, slow]}
              template: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}
              note: {type: string, nullable: true}
              parts:
                type: array
                items:
                  type: object
                  required: [name]
                  properties:
                    name: {type: string}
                    count: {type: integer}
`;
const CRD_LINES = WIDGET_CRD.split('\n').length - 1;

/** A Widget: 1 apiVersion, 2 kind, 3 metadata, 4 name, 5 spec, 6 size, then `specLines` (2 spaces). */
const widget = (specLines = '', size = '3') => `apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
spec:
${size ? `  size: ${size}\n` : ''}${specLines}`;
const withCrd = { files: { 'crds/widget.yaml': WIDGET_CRD } };

/** A NodePool in the shape of Karpenter's documentation: 1 apiVersion .. 5 spec, 6 template, 11 requirements, 24 policy. */
const nodePool = (requirementsKey = 'requirements', policy = 'WhenEmptyOrUnderutilized') => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: default
spec:
  template:
    metadata:
      labels: {billing-team: my-team}
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
      ${requirementsKey}:
        - key: karpenter.k8s.aws/instance-category
          operator: In
          values: [c, m, r]
          minValues: 2
        - key: karpenter.sh/capacity-type
          operator: In
          values: [spot, on-demand]
      taints:
        - {key: example.com/special-taint, effect: NoSchedule}
      expireAfter: 720h
      terminationGracePeriod: 48h
  disruption:
    consolidationPolicy: ${policy}
    consolidateAfter: 1m
    budgets:
    - nodes: 10%
    - {schedule: "0 9 * * mon-fri", duration: 8h, nodes: "0"}
  limits:
    cpu: 1000
    memory: 1000Gi
  weight: 10
`;

/** An EC2NodeClass in the shape of Karpenter's documentation: metadataOptions.httpTokens on line 20. */
const ec2NodeClass = (httpTokens = 'required', amiFamily = 'AL2023') => `apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata:
  name: default
spec:
  role: KarpenterNodeRole-my-cluster
  amiFamily: ${amiFamily}
  amiSelectorTerms:
    - alias: al2023@latest
  subnetSelectorTerms:
    - tags: {karpenter.sh/discovery: my-cluster}
    - id: subnet-09fa4a0a8f233a921
  securityGroupSelectorTerms:
    - tags: {karpenter.sh/discovery: my-cluster}
  kubelet: {maxPods: 110, systemReserved: {cpu: 100m}, evictionHard: {memory.available: 5%}}
  metadataOptions:
    httpEndpoint: enabled
    httpProtocolIPv6: disabled
    httpPutResponseHopLimit: 1
    httpTokens: ${httpTokens}
  blockDeviceMappings:
    - deviceName: /dev/xvda
      ebs: {volumeSize: 100Gi, volumeType: gp3, iops: 10000, encrypted: true, deleteOnTermination: true, throughput: 125}
  tags: {team: team-a}
  detailedMonitoring: true
  userData: |
    echo "hello"
`;

/** A NodePool CRD of the workspace that leaves the spec open: it, not the shipped schema, decides. */
const OPEN_NODEPOOL_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: nodepools.karpenter.sh}
spec:
  group: karpenter.sh
  names: {kind: NodePool, plural: nodepools}
  scope: Cluster
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: {type: object, x-kubernetes-preserve-unknown-fields: true}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'a Widget using every kind of field its CRD allows',
      code: widget('  ratio: 1\n  enabled: yes\n  color: green\n  port: 8080\n  labels: {a: b}\n  note: null\n  parts: [{name: x, count: 2}]\n'),
      ...withCrd,
    },
    {
      name: 'preserve-unknown-fields: anything under config, unknown fields beside known ones under extra',
      code: widget('  config: {any: {nested: [1, two]}, more: true}\n  extra: {mode: fast, other: 1, deeper: {x: y}}\n'),
      ...withCrd,
    },
    { name: 'int-or-string takes a string', code: widget('  port: http\n'), ...withCrd },
    {
      name: 'an embedded resource has apiVersion, kind and metadata',
      code: widget('  template:\n    apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: c}\n    data: {a: b}\n'),
      ...withCrd,
    },
    { name: 'metadata is the API server\'s to check, and null is pruned, not refused', code: widget('  color: null\n').replace('  name: w\n', '  name: w\n  labelz: {a: b}\n'), ...withCrd },
    { name: 'no CRD for the kind: no findings', code: widget('  size: many\n  colr: red\n', '') },
    { name: 'a version the CRD does not define: no findings', code: widget('  colr: red\n').replace('example.com/v1', 'example.com/v2'), ...withCrd },
    { name: 'a CRD in a kustomize patch is not a definition', code: widget('  colr: red\n'), files: { 'k/kustomization.yaml': 'patches:\n- path: crd.yaml\n', 'k/crd.yaml': WIDGET_CRD } },
    {
      name: 'a malformed CRD neither fails nor flags',
      code: `${widget('  colr: red\n')}---\napiVersion: example.com/v1\nkind: Gizmo\nmetadata: {name: g}\nspec: {a: 1}\nx: [1]\n`,
      files: {
        'a.yaml': 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: a}\nspec: {group: example.com, names: {kind: Widget}, versions: {v1: x}}\n',
        'b.yaml': 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: b}\nspec: {group: example.com, names: {kind: Gizmo}, versions: [{name: v1, schema: {openAPIV3Schema: {type: object, properties: {spec: 3, x: {type: array, items: [1]}}, required: [1]}}}]}\n',
      },
    },
    { name: 'a NodePool shaped like Karpenter\'s documentation', code: nodePool() },
    { name: 'an EC2NodeClass shaped like Karpenter\'s documentation', code: ec2NodeClass() },
    { name: 'a NodePool CRD in the workspace wins over the shipped schema', code: nodePool('requirement'), files: { 'crds/nodepool.yaml': OPEN_NODEPOOL_CRD } },
  ],
  invalid: [
    {
      name: 'a wrong type',
      code: widget('', '"three"'),
      ...withCrd,
      errors: [{ line: 6, column: 9, endColumn: 16, message: 'Widget w: spec.size must be an integer, not a string ("three")' }],
    },
    {
      name: 'an unknown field with a "did you mean" and a rename',
      code: widget('  colr: red\n'),
      ...withCrd,
      errors: [{ line: 7, column: 3, endColumn: 7, message: 'unknown field "spec.colr"; did you mean "color"?' }],
      suggestionOutput: widget('  color: red\n'),
    },
    {
      name: 'missing required fields, in the spec and in a list item',
      code: widget('  parts: [{count: 1}]\n', ''),
      ...withCrd,
      errors: [
        { line: 5, column: 1, endColumn: 5, message: 'spec is missing the required field "size"' },
        { line: 6, column: 12, message: 'spec.parts[0] is missing the required field "name"' },
      ],
    },
    {
      name: 'a value outside the enum, with the right case offered',
      code: widget('  color: Red\n'),
      ...withCrd,
      errors: [{ line: 7, column: 10, endColumn: 13, message: 'spec.color is "Red", which is not one of red, green, blue; did you mean "red"?' }],
      suggestionOutput: widget('  color: red\n'),
    },
    {
      name: 'known fields are checked beside preserved unknown ones; int-or-string refuses a list',
      code: widget('  extra: {mode: medium, other: 1}\n  port: [80]\n'),
      ...withCrd,
      errors: [
        { line: 7, column: 17, message: 'spec.extra.mode is "medium", which is not one of fast, slow.' },
        { line: 8, column: 9, message: 'spec.port must be a number or a string, not a list' },
      ],
    },
    {
      name: 'the CRD in the same file',
      code: `${WIDGET_CRD}---\n${widget('  enabled: 3\n')}`,
      errors: [{ line: CRD_LINES + 8, column: 12, message: 'spec.enabled must be a boolean, not an integer (3)' }],
    },
    {
      name: 'Karpenter NodePool: `requirement:` for the required `requirements:` (one finding: the rename supplies it)',
      code: nodePool('requirement'),
      errors: [{ line: 11, column: 7, endColumn: 18, message: 'unknown field "spec.template.spec.requirement"; did you mean "requirements"?' }],
      suggestionOutput: nodePool(),
    },
    {
      name: 'Karpenter NodePool: a consolidation policy outside the enum',
      code: nodePool('requirements', 'WhenUnderutilized'),
      errors: [{ line: 24, column: 26, message: 'spec.disruption.consolidationPolicy is "WhenUnderutilized", which is not one of WhenEmpty, WhenEmptyOrUnderutilized, Balanced.' }],
    },
    {
      name: 'Karpenter EC2NodeClass: `httpTokens: require`',
      code: ec2NodeClass('require'),
      errors: [{ line: 20, column: 17, endColumn: 24, message: 'spec.metadataOptions.httpTokens is "require", which is not one of required, optional; did you mean "required"?' }],
      suggestionOutput: ec2NodeClass(),
    },
    {
      name: 'Karpenter EC2NodeClass: an amiFamily in the wrong case',
      code: ec2NodeClass('required', 'bottlerocket'),
      errors: [{ line: 7, column: 14, message: 'did you mean "Bottlerocket"?' }],
      suggestionOutput: ec2NodeClass('required', 'Bottlerocket'),
    },
  ],
});

it('a CRD schema is compiled once per CRD object, not per object nor per workspace change', () => {
  const ws = new Workspace();
  ws.set(parseSource('crds/widget.yaml', WIDGET_CRD));
  const first = customResourceSchema(ws, 'example.com/v1', 'Widget');
  assert.ok(first);
  assert.equal(customResourceSchema(ws, 'example.com/v1', 'Widget'), first);
  ws.set(parseSource('other.yaml', widget()));
  assert.equal(customResourceSchema(ws, 'example.com/v1', 'Widget'), first);
  // A re-parsed CRD is a new object, compiled anew.
  ws.set(parseSource('crds/widget.yaml', WIDGET_CRD));
  assert.notEqual(customResourceSchema(ws, 'example.com/v1', 'Widget'), first);
  const many = Array.from({ length: 50 }, (_, i) => widget('  colr: red\n').replace('name: w', `name: w${i}`)).join('---\n');
  assert.equal(lintWith(rule, { code: many, ...withCrd }).length, 50);
});

it('compiles nested preserve-unknown-fields as the API server prunes: kept until a schema lists properties again', () => {
  const defs = compileSchema({
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true,
        properties: { open: { type: 'object' }, closed: { type: 'object', properties: { a: { type: 'string' } } } },
      },
    },
  });
  const root = defs[0] as { f: Record<string, string> };
  const spec = defs[Number(root.f.spec.slice(1))] as { f: Record<string, string>; p?: 1 };
  assert.equal(spec.p, 1);
  assert.equal(spec.f.open, 'o');
  assert.equal((defs[Number(spec.f.closed.slice(1))] as { p?: 1 }).p, undefined);
});
