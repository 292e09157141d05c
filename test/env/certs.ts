// Certificates for the local control plane, made fresh at every start with openssl (argv arrays, no shell): a CA,
// a serving certificate for 127.0.0.1, client certificates, and the service-account signing key.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Pki {
  dir: string;
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  saKey: string;
  saPub: string;
  client(name: string, org?: string): { cert: string; key: string };
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

export function makePki(dir: string): Pki {
  fs.mkdirSync(dir, { recursive: true });
  const p = (f: string) => path.join(dir, f);
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=wharf-test-ca'], dir);
  fs.writeFileSync(p('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,IP:10.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n');
  const sign = (name: string, subj: string, ext?: string) => {
    openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subj], dir);
    openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', ...(ext ? ['-extfile', ext] : [])], dir);
    return { cert: p(`${name}.crt`), key: p(`${name}.key`) };
  };
  const server = sign('server', '/CN=127.0.0.1', 'server.ext');
  openssl(['genrsa', '-out', 'sa.key', '2048'], dir);
  openssl(['rsa', '-in', 'sa.key', '-pubout', '-out', 'sa.pub'], dir);
  return {
    dir,
    caCert: p('ca.crt'),
    caKey: p('ca.key'),
    serverCert: server.cert,
    serverKey: server.key,
    saKey: p('sa.key'),
    saPub: p('sa.pub'),
    client: (name, org) => sign(`client-${name.replace(/[^a-z0-9-]/gi, '_')}`, `/CN=${name}${org ? `/O=${org}` : ''}`),
  };
}

/** A kubeconfig for a control-plane component (never for users: Wharf itself uses EKS tokens). */
export function kubeconfig(file: string, server: string, caCert: string, cert: string, key: string): string {
  fs.writeFileSync(file, `apiVersion: v1
kind: Config
clusters:
- name: local
  cluster: {server: "${server}", certificate-authority: "${caCert}"}
users:
- name: component
  user: {client-certificate: "${cert}", client-key: "${key}"}
contexts:
- name: local
  context: {cluster: local, user: component}
current-context: local
`);
  return file;
}
