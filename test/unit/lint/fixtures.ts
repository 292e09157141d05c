// Small manifests for rule tests, with predictable line numbers:
// 1 apiVersion, 2 kind, 3 metadata, 4 name, 5 spec, then `podLines`, then `containers:`, `- name: app`, `image:`,
// then `containerLines` (each given with its own indentation).
export function pod(containerLines = '', podLines = '', image = 'nginx:1.27'): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
${podLines}  containers:
  - name: app
    image: ${image}
${containerLines}`;
}

/** A Deployment: 1 apiVersion .. 5 spec, 6 replicas, 7-8 selector, 9 template, 10 metadata, 11 labels, 12 spec, then podLines (6 spaces), containers at 13+. */
export function deployment(podLines = '', containerLines = '', replicas = 3, name = 'web', extraMeta = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${extraMeta}spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
${podLines}      containers:
      - name: app
        image: nginx:1.27
${containerLines}`;
}
