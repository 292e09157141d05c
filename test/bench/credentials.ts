// What the session's credential memo saves: resolving a credential_process profile cold (a fresh AwsSession: the
// SDK runs the helper, a small Node script here) against warm (the memoised result, what every request after the
// first pays). Prints medians of RUNS runs. Usage: npx tsx test/bench/credentials.ts [RUNS]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { AwsSession } from '../../src/aws/session';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 7);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-bench-creds-'));
  try {
    const helper = path.join(dir, 'creds.js');
    fs.writeFileSync(helper, `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'ASIABENCH', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(Date.now() + 3600e3).toISOString() }));`);
    fs.writeFileSync(path.join(dir, 'config'), `[profile proc]\ncredential_process = "${process.execPath}" "${helper}"\n`);
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'none');
    await new AwsSession({ profile: 'proc' }).credentialProvider(); // warm-up: module loading
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = new AwsSession({ profile: 'proc' });
      let t0 = performance.now();
      await s.credentialProvider();
      cold.push(performance.now() - t0);
      t0 = performance.now();
      for (let j = 0; j < 1000; j++) await s.credentialProvider();
      warm.push((performance.now() - t0) / 1000);
      s.dispose();
    }
    console.log(`credential_process profile, ${runs} runs: cold median ${median(cold).toFixed(1)} ms; warm (memoised) median ${(median(warm) * 1000).toFixed(1)} µs per call`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
