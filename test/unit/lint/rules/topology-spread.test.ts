import rule from '../../../../src/lint/rules/topology-spread';
import { deployment } from '../fixtures';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'one replica', code: deployment('', '', 1) },
    { name: 'zone spread', code: deployment('      topologySpreadConstraints:\n      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway}\n') },
    { name: 'anti-affinity', code: deployment('      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution: []\n') },
  ],
  invalid: [
    {
      code: deployment(),
      errors: [{ line: 12, column: 5, message: 'may all land in one zone' }],
      suggestionOutput:
        deployment() +
        '      topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: topology.kubernetes.io/zone\n        whenUnsatisfiable: ScheduleAnyway\n        labelSelector:\n          matchLabels:\n            app: web\n',
    },
    {
      name: 'one replica but an HPA may scale it out',
      code: deployment('', '', 1) + '---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {kind: Deployment, name: web}\n  minReplicas: 1\n  maxReplicas: 5\n',
      errors: [{ line: 12, column: 5 }],
    },
  ],
});
