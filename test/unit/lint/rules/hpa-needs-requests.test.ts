import rule from '../../../../src/lint/rules/hpa-needs-requests';
import { deployment } from '../fixtures';
import { ruleTester } from '../rule-tester';

const hpa = (metric: string) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 5
${metric}`;
const cpu = '  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target: {type: Utilization, averageUtilization: 70}\n';

ruleTester(rule, {
  valid: [
    { name: 'target requests cpu', code: hpa(cpu), files: { 'd.yaml': deployment('', '        resources: {requests: {cpu: 100m}}\n') } },
    { name: 'target not in the workspace', code: hpa(cpu) },
    { name: 'AverageValue needs no request', code: hpa(cpu.replace('{type: Utilization, averageUtilization: 70}', '{type: AverageValue, averageValue: 500m}')), files: { 'd.yaml': deployment() } },
  ],
  invalid: [
    { name: 'v2 cpu utilization', code: hpa(cpu), files: { 'd.yaml': deployment() }, errors: [{ line: 11, column: 13, message: 'no cpu request in container "app"', relatedLine: 14 }] },
    { name: 'v1 targetCPUUtilizationPercentage', code: hpa('  targetCPUUtilizationPercentage: 80\n').replace('autoscaling/v2', 'autoscaling/v1'), files: { 'd.yaml': deployment() }, errors: [{ line: 8, column: 35 }] },
  ],
});
