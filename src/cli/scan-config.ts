// `eks.endpointOverrides` from .wharf.yaml, for `wharf scan`: cluster name (or ARN) -> { url, ca, tlsServerName },
// the same shape as the extension's `wharf.eks.endpointOverrides` setting, so the CLI reaches private endpoints (a
// tunnel, a bastion) and the demo's local clusters exactly as the extension does. A `ca` that is a path is read
// relative to the configuration file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { EndpointOverride } from '../config';

export class ScanConfigError extends Error {}

export function readEndpointOverrides(file: string): Record<string, EndpointOverride> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ScanConfigError(`${file}: cannot read the configuration file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new ScanConfigError(`${file}: not valid YAML (${(e as Error).message.split('\n')[0]})`);
  }
  const eks = (doc as { eks?: unknown } | null)?.eks;
  if (eks === undefined || eks === null) return {};
  const overrides = (eks as { endpointOverrides?: unknown }).endpointOverrides;
  if (overrides === undefined || overrides === null) return {};
  if (typeof overrides !== 'object' || Array.isArray(overrides)) throw new ScanConfigError(`${file}: eks.endpointOverrides must map cluster names to { url, ca }`);
  const out: Record<string, EndpointOverride> = {};
  for (const [name, v] of Object.entries(overrides as Record<string, unknown>)) {
    const o = v as Partial<EndpointOverride> | null;
    if (!o || typeof o !== 'object' || typeof o.url !== 'string' || !/^https:\/\//.test(o.url)) throw new ScanConfigError(`${file}: eks.endpointOverrides.${name} needs url: https://...`);
    if (o.ca !== undefined && typeof o.ca !== 'string') throw new ScanConfigError(`${file}: eks.endpointOverrides.${name}.ca must be PEM text or a path`);
    let ca = o.ca;
    if (ca && !ca.includes('-----BEGIN') && !ca.startsWith('~') && !path.isAbsolute(ca)) ca = path.resolve(path.dirname(file), ca);
    out[name] = { url: o.url, ...(ca ? { ca } : {}), ...(typeof o.tlsServerName === 'string' ? { tlsServerName: o.tlsServerName } : {}) };
  }
  return out;
}
