// token: how fast kubectl gets its EKS token. (1) Whole-process time of `wharf token` (the shipped, minified bundles,
// built here into the cache) against `aws eks get-token` from the AWS CLI on PyPI in its own virtualenv
// (test/bench/setup-awscli.sh) and a bare `node -e 0`, in one interleaved loop so load from other processes hits them
// alike; medians of wall time and of CPU (user + system, steadier on a shared machine). (2) In-process getEksToken with
// warm credentials, as the explorer makes tokens: median per call.
// Usage: tsx test/bench/token.ts [--runs 21] [--aws PATH] [--calls 2000]
// Targets (issue 6): process median <= 100 ms and >= 3x faster than the AWS CLI; in-process <= 5 ms.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { getEksToken } from '../../src/aws/eks-token';

const TARGET_MS = 100;
const TARGET_RATIO = 3;
const TARGET_IN_PROCESS_MS = 5;
const TIME = '/usr/bin/time';

const root = path.resolve(__dirname, '../..');
const cache = process.env.WHARF_CACHE ?? path.join(os.homedir(), '.cache/wharf');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '21' },
    aws: { type: 'string', default: path.join(cache, 'awscli-venv/bin/aws') },
    calls: { type: 'string', default: '2000' },
  },
});
const runs = Number(values.runs);

// Fake keys: signing is local, nothing is sent anywhere. Both tools get the same ones, through the environment.
const KEYS = { AWS_ACCESS_KEY_ID: 'AKIDWHARFBENCH000001', AWS_SECRET_ACCESS_KEY: 'wharf-bench-secret-0000000000000000000000' };

interface Tool {
  name: string;
  argv: string[];
  env: NodeJS.ProcessEnv;
}
interface Sample {
  wallMs: number;
  cpuMs?: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const hasTime = fs.existsSync(TIME);

function runOnce(tool: Tool): Sample {
  const argv = hasTime ? [TIME, '-f', 'WHARF_CPU %U %S', ...tool.argv] : tool.argv;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { env: tool.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = /WHARF_CPU ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || (tool.name !== 'node -e 0' && !/"token": "k8s-aws-v1\./.test(r.stdout ?? ''))) {
    throw new Error(`${tool.name} failed (exit ${r.status}): ${(r.stderr ?? '').slice(0, 400)}`);
  }
  return { wallMs, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined };
}

async function buildCli(): Promise<string> {
  const out = path.join(cache, 'bench/token-dist');
  const { shippedBuilds } = (await import(pathToFileURL(path.join(root, 'esbuild.mjs')).href)) as { shippedBuilds: (o: { production: boolean }) => esbuild.BuildOptions[] };
  await Promise.all(shippedBuilds({ production: true }).slice(1).map((b) => esbuild.build({ ...b, outdir: out, logLevel: 'error' })));
  return path.join(out, 'cli.js');
}

async function main(): Promise<void> {
  const cli = await buildCli();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-bench-token-'));
  // A profile with static keys in scratch files: the path that loads the SDK's credential chain (cli-token-sdk.js).
  fs.writeFileSync(path.join(scratch, 'config'), '[profile bench]\nregion = us-east-1\n');
  fs.writeFileSync(path.join(scratch, 'credentials'), `[bench]\naws_access_key_id = ${KEYS.AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${KEYS.AWS_SECRET_ACCESS_KEY}\n`);
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: scratch, AWS_CONFIG_FILE: path.join(scratch, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(scratch, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true' };
  const withKeys = { ...base, ...KEYS };
  const tokenArgs = ['--cluster-name', 'bench', '--region', 'us-east-1'];
  const tools: Tool[] = [
    { name: 'node -e 0', argv: [process.execPath, '-e', '0'], env: base },
    { name: 'wharf token (keys in env)', argv: [process.execPath, cli, 'token', ...tokenArgs], env: withKeys },
    { name: 'wharf token --profile', argv: [process.execPath, cli, 'token', ...tokenArgs, '--profile', 'bench'], env: base },
  ];
  const aws = values.aws!;
  if (fs.existsSync(aws)) {
    tools.push({ name: 'aws eks get-token (keys in env)', argv: [aws, 'eks', 'get-token', ...tokenArgs], env: withKeys });
    tools.push({ name: 'aws eks get-token --profile', argv: [aws, 'eks', 'get-token', ...tokenArgs, '--profile', 'bench'], env: base });
  } else {
    console.log(`[token] ${aws} is missing: run bash test/bench/setup-awscli.sh for the comparison`);
  }

  for (const t of tools) runOnce(t); // warm the page cache and Python's bytecode cache
  const samples = new Map<string, Sample[]>(tools.map((t) => [t.name, []]));
  for (let i = 0; i < runs; i++) for (const t of tools) samples.get(t.name)!.push(runOnce(t));
  fs.rmSync(scratch, { recursive: true, force: true });

  const stat = (name: string) => {
    const s = samples.get(name);
    if (!s) return undefined;
    const cpu = s.map((x) => x.cpuMs).filter((x): x is number => x !== undefined);
    return { wall: median(s.map((x) => x.wallMs)), cpu: cpu.length ? median(cpu) : undefined };
  };
  console.log(`\n[token] process time, ${runs} interleaved runs each, medians (Node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)})`);
  console.log(`  ${'command'.padEnd(34)} ${'wall ms'.padStart(8)} ${'cpu ms'.padStart(8)}`);
  for (const t of tools) {
    const s = stat(t.name)!;
    console.log(`  ${t.name.padEnd(34)} ${s.wall.toFixed(0).padStart(8)} ${(s.cpu?.toFixed(0) ?? '-').padStart(8)}`);
  }
  let ok = true;
  for (const [ours, theirs] of [['wharf token (keys in env)', 'aws eks get-token (keys in env)'], ['wharf token --profile', 'aws eks get-token --profile']]) {
    const a = stat(ours)!;
    const b = stat(theirs);
    const meets = a.wall <= TARGET_MS;
    ok &&= meets;
    const node = stat('node -e 0')!;
    const over = `+${(a.wall - node.wall).toFixed(0)} ms wall${a.cpu !== undefined && node.cpu !== undefined ? `, +${(a.cpu - node.cpu).toFixed(0)} ms CPU` : ''} over Node's own start`;
    let line = `  ${ours}: ${a.wall.toFixed(0)} ms (${over}; target <= ${TARGET_MS}: ${meets ? 'met' : 'NOT met'})`;
    if (b) {
      const ratio = b.wall / a.wall;
      const cpuRatio = a.cpu && b.cpu ? b.cpu / a.cpu : undefined;
      ok &&= ratio >= TARGET_RATIO;
      line += `; ${ratio.toFixed(1)}x faster than ${theirs} by wall time${cpuRatio ? `, ${cpuRatio.toFixed(1)}x by CPU` : ''} (target >= ${TARGET_RATIO}x: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'})`;
    }
    console.log(line);
  }

  // In-process, as the explorer does: credentials already resolved (a memoised provider), one token per call.
  const creds = { accessKeyId: KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: KEYS.AWS_SECRET_ACCESS_KEY, sessionToken: 'x'.repeat(300) };
  const provider = async () => creds;
  const calls = Number(values.calls);
  for (let i = 0; i < 200; i++) await getEksToken({ clusterName: 'bench', region: 'us-east-1', credentials: provider });
  const per: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = process.hrtime.bigint();
    await getEksToken({ clusterName: 'bench', region: 'us-east-1', credentials: provider });
    per.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const m = median(per);
  const p99 = [...per].sort((a, b) => a - b)[Math.floor(per.length * 0.99)];
  ok &&= m <= TARGET_IN_PROCESS_MS;
  console.log(`\n[token] in-process getEksToken, warm credentials, ${calls} calls: median ${m.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms (target <= ${TARGET_IN_PROCESS_MS} ms: ${m <= TARGET_IN_PROCESS_MS ? 'met' : 'NOT met'})`);
  console.log(`[token] bundles: ${['cli.js', 'cli-token.js', 'cli-token-sdk.js'].map((f) => `${f} ${(fs.statSync(path.join(path.dirname(cli), f)).size / 1024).toFixed(1)} KB`).join(', ')} (minified)`);
  process.exitCode = ok ? 0 : 1;
}

void main();
