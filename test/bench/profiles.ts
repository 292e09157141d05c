// Listing a large AWS config: the time listProfiles() takes for a generated config of N profiles (default 5,000)
// over 10 sso-sessions, when the file changed (the SDK's ini loader plus Wharf's classification) and when it did
// not (a stat of each file). Prints the medians of RUNS runs after one warm-up.
// Usage: npx tsx test/bench/profiles.ts [N] [RUNS]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { listProfiles } from '../../src/aws/profiles';
import { generateConfig } from '../unit/aws/profile-fixtures';

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 5000);
  const runs = Number(process.argv[3] ?? 7);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-bench-profiles-'));
  try {
    const config = path.join(dir, 'config');
    fs.writeFileSync(config, generateConfig(n));
    process.env.AWS_CONFIG_FILE = config;
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials-absent');
    await listProfiles(); // warm-up: module loading and JIT
    let count = 0;
    const measure = async (changeFile: boolean) => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        if (changeFile) fs.utimesSync(config, new Date(), new Date(Date.now() + (i + 1) * 1000));
        const t0 = performance.now();
        count = (await listProfiles()).profiles.length;
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      return `median ${times[Math.floor(times.length / 2)].toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times[times.length - 1].toFixed(1)})`;
    };
    const changed = await measure(true);
    const unchanged = await measure(false);
    console.log(`listProfiles, ${count} profiles (${(fs.statSync(config).size / 1024).toFixed(0)} KiB config), ${runs} runs each: file changed ${changed}; unchanged ${unchanged}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
