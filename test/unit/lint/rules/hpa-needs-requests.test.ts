import rule from '../../../../src/lint/rules/hpa-needs-requests';
import { deployment } from '../fixtures';
import { ruleTester } from '../rule-tester';

const hpa = (metric: string, apiVersion = 'autoscaling/v2') => `apiVersion: ${apiVersion}
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 5
${metric}`;
const resource = (name: string, target = '{type: Utilization, averageUtilization: 70}') => `  - type: Resource\n    resource:\n      name: ${name}\n      target: ${target}\n`;
const metrics = (...m: string[]) => '  metrics:\n' + m.join('');
const cpu = metrics(resource('cpu'));
const requests = (r: string) => `        resources: {requests: {${r}}}\n`;
const sidecar = (r = '') => `      - name: proxy\n        image: envoyproxy/envoy:v1.31.0\n${r}`;
const containerResource = (container: string) =>
  metrics(`  - type: ContainerResource\n    containerResource:\n      name: cpu\n      container: ${container}\n      target: {type: Utilization, averageUtilization: 60}\n`);

ruleTester(rule, {
  valid: [
    { name: 'target requests cpu', code: hpa(cpu), files: { 'd.yaml': deployment('', requests('cpu: 100m')) } },
    { name: 'target not in the workspace', code: hpa(cpu) },
    { name: 'target in another namespace', code: hpa(cpu).replace('  name: web\n', '  name: web\n  namespace: other\n'), files: { 'd.yaml': deployment() } },
    { name: 'AverageValue needs no request', code: hpa(metrics(resource('cpu', '{type: AverageValue, averageValue: 500m}'))), files: { 'd.yaml': deployment() } },
    { name: 'memory utilization with a memory request', code: hpa(metrics(resource('memory'))), files: { 'd.yaml': deployment('', requests('memory: 256Mi')) } },
    { name: 'external metrics only', code: hpa(metrics('  - type: External\n    external:\n      metric: {name: sqs_messages_visible}\n      target: {type: AverageValue, averageValue: "30"}\n')), files: { 'd.yaml': deployment() } },
    { name: 'ContainerResource: only the named container needs the request', code: hpa(containerResource('app')), files: { 'd.yaml': deployment('', requests('cpu: 100m') + sidecar()) } },
    { name: 'v1 with a cpu request', code: hpa('  targetCPUUtilizationPercentage: 80\n', 'autoscaling/v1'), files: { 'd.yaml': deployment('', requests('cpu: 100m')) } },
    { name: 'init containers don\'t count', code: hpa(cpu), files: { 'd.yaml': deployment('      initContainers:\n      - name: migrate\n        image: flyway/flyway:10\n', requests('cpu: 100m')) } },
  ],
  invalid: [
    {
      name: 'v2 cpu utilization',
      code: hpa(cpu),
      files: { 'd.yaml': deployment() },
      errors: [{ line: 11, column: 13, endColumn: 16, message: 'HorizontalPodAutoscaler web: scales on cpu utilization but Deployment web has no cpu request in container "app"', relatedLine: 14 }],
    },
    { name: 'v1 targetCPUUtilizationPercentage', code: hpa('  targetCPUUtilizationPercentage: 80\n', 'autoscaling/v1'), files: { 'd.yaml': deployment() }, errors: [{ line: 8, column: 35, endColumn: 37, relatedLine: 14 }] },
    { name: 'v1 without a target: the default 80% cpu', code: hpa('', 'autoscaling/v1'), files: { 'd.yaml': deployment() }, errors: [{ line: 5, column: 1, endColumn: 5, message: 'the default 80% cpu utilization' }] },
    { name: 'v2 without metrics: the default 80% cpu', code: hpa(''), files: { 'd.yaml': deployment() }, errors: [{ line: 5, column: 1, message: 'names no metric' }] },
    {
      name: 'v2beta1 memory targetAverageUtilization, only the metric lacking a request',
      code: hpa(metrics(resource('cpu'), '  - type: Resource\n    resource:\n      name: memory\n      targetAverageUtilization: 80\n'), 'autoscaling/v2beta1'),
      files: { 'd.yaml': deployment('', requests('cpu: 100m')) },
      errors: [{ line: 15, column: 13, message: 'no memory request in container "app"' }],
    },
    {
      name: 'every container lacking it is named and related',
      code: hpa(cpu),
      files: { 'd.yaml': deployment('', sidecar()) },
      errors: [{ line: 11, column: 13, message: 'in containers "app", "proxy"', relatedLine: 14 }],
    },
    {
      name: 'ContainerResource naming the container without the request',
      code: hpa(containerResource('proxy')),
      files: { 'd.yaml': deployment('', requests('cpu: 100m') + sidecar()) },
      errors: [{ line: 11, column: 13, message: 'in container "proxy"', relatedLine: 17 }],
    },
    { name: 'the target in the same file', code: deployment() + '---\n' + hpa(cpu), errors: [{ line: 27, column: 13, relatedLine: 14 }] },
    {
      name: 'a StatefulSet target',
      code: hpa(cpu).replace('kind: Deployment', 'kind: StatefulSet'),
      files: { 's.yaml': deployment().replace('kind: Deployment', 'kind: StatefulSet') },
      errors: [{ line: 11, column: 13, message: 'StatefulSet web has no cpu request' }],
    },
  ],
});
