// Configured endpoints for a named profile, in the SDK's documented precedence: AWS_ENDPOINT_URL_<SERVICE>, then
// AWS_ENDPOINT_URL, then the profile's services section, then its endpoint_url; ignore_configured_endpoint_urls
// turns them off. (The SDK itself applies these only to AWS_PROFILE's profile; see src/aws/endpoint-config.ts.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { configuredEndpoint } from '../../../src/aws/endpoint-config';

describe('configuredEndpoint', () => {
  let dir: string;
  const saved = { ...process.env };
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-endpoints-'));
    fs.writeFileSync(path.join(dir, 'config'), [
      '[profile local]', 'endpoint_url = http://localhost:4566', 'services = local-services', '',
      '[services local-services]', 'eks =', '  endpoint_url = http://localhost:4567', 'cloudwatch_logs =', '  endpoint_url = http://localhost:4568', '',
      '[profile plain]', 'region = eu-west-1', '',
      '[profile ignoring]', 'endpoint_url = http://localhost:4566', 'ignore_configured_endpoint_urls = true', '',
    ].join('\n'));
  });
  beforeEach(() => {
    for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'none');
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    process.env = saved;
  });

  it('the profile\'s services section, then its endpoint_url', async () => {
    assert.equal(await configuredEndpoint('EKS', 'local'), 'http://localhost:4567');
    assert.equal(await configuredEndpoint('CloudWatch Logs', 'local'), 'http://localhost:4568');
    assert.equal(await configuredEndpoint('ECS', 'local'), 'http://localhost:4566');
    assert.equal(await configuredEndpoint('EKS', 'plain'), undefined);
  });

  it('environment variables first', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://global:1';
    assert.equal(await configuredEndpoint('EKS', 'local'), 'http://global:1');
    process.env.AWS_ENDPOINT_URL_EKS = 'http://eks-only:2';
    assert.equal(await configuredEndpoint('EKS', 'local'), 'http://eks-only:2');
    assert.equal(await configuredEndpoint('ECS', 'plain'), 'http://global:1');
  });

  it('ignore_configured_endpoint_urls', async () => {
    assert.equal(await configuredEndpoint('EKS', 'ignoring'), undefined);
    process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = 'true';
    assert.equal(await configuredEndpoint('EKS', 'local'), undefined);
  });
});
