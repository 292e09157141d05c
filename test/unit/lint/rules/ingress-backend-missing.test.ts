import rule from '../../../../src/lint/rules/ingress-backend-missing';
import { ruleTester } from '../rule-tester';

const service = (name: string, ns = '') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n${ns}spec:\n  selector: {app: ${name}}\n  ports: [{port: 80}]\n`;
// Line 11 holds the first backend's service name (column 35).
const ingress = (backend: string, extra = '') => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  rules:
  - http:
      paths:
      - path: /
        pathType: Prefix
        backend: {service: {name: ${backend}, port: {number: 80}}}
${extra}`;

ruleTester(rule, {
  valid: [
    { name: 'the backend Service exists', code: ingress('web'), files: { 's.yaml': service('web') } },
    { name: 'no Services of the namespace in the workspace (managed elsewhere)', code: ingress('web'), files: { 's.yaml': service('api', '  namespace: other\n') } },
    { name: 'v1beta1 serviceName that exists', code: 'apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: old}\nspec:\n  backend: {serviceName: web, servicePort: 80}\n', files: { 's.yaml': service('web') } },
  ],
  invalid: [
    {
      name: 'a renamed Service',
      code: ingress('web-v2'),
      files: { 's.yaml': service('web') },
      errors: [{ line: 11, column: 35, endColumn: 41, message: 'Ingress shop: routes to Service "web-v2", which namespace "default" does not define' }],
    },
    {
      name: 'a missing default backend, same file',
      code: service('web') + '---\n' + ingress('web', '  defaultBackend: {service: {name: fallback, port: {number: 80}}}\n'),
      errors: [{ line: 20, column: 36, endColumn: 44, message: 'Service "fallback"' }],
    },
  ],
});
