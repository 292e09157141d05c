// The local AWS: moto in server mode on a free loopback port. SDK clients reach it through the standard
// AWS_ENDPOINT_URL with static test credentials; nothing here can touch a real account.
import * as path from 'node:path';
import { cacheDir, freePort, httpOk, startService, waitUntil } from './proc';
import type { Started } from './with-stack';

export const TEST_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIDWHARFMOTOTEST001', AWS_SECRET_ACCESS_KEY: 'wharf-moto-test-secret' };

export async function start(logDir: string): Promise<Started> {
  const moto = path.join(cacheDir('venv'), 'bin', 'moto_server');
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const service = startService('moto', [moto, '-H', '127.0.0.1', '-p', String(port)], { logDir, env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'false' } });
  await waitUntil(service, 'moto to answer', () => httpOk(`${endpoint}/moto-api/`), 30_000);
  // moto advances ECS tasks one state per DescribeTasks call; keep them where the seed puts them (RUNNING).
  const r = await fetch(`${endpoint}/moto-api/state-manager/set-transition`, {
    method: 'POST',
    body: JSON.stringify({ model_name: 'ecs::task', transition: { progression: 'manual', times: 1_000_000 } }),
  });
  if (!r.ok) throw new Error(`moto state manager: ${r.status}`);
  return {
    env: {
      AWS_ENDPOINT_URL: endpoint,
      WHARF_TEST_AWS_ENDPOINT: endpoint,
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      ...TEST_CREDENTIALS,
    },
    stop: () => service.stop(),
  };
}
