// Entry point of the `wharf` command (dist/cli.js): a tiny dispatcher. Each subcommand is its own bundle, required
// only when asked for, so `wharf token` (which kubectl runs at every token refresh) never parses the lint engine and
// `wharf lint` never parses the AWS SDK. From source (tsx, the CLI tests) the same modules load from src/cli/.
import * as path from 'node:path';

declare const WHARF_VERSION: string | undefined;

interface Subcommand {
  main(argv: readonly string[]): number | Promise<number>;
}

function load(entry: 'cli-lint' | 'cli-token' | 'cli-scan', source: string): Subcommand {
  // WHARF_VERSION is defined by esbuild.mjs in the bundles only. Computed paths, so esbuild leaves these alone.
  const file = typeof WHARF_VERSION === 'string' ? path.join(__dirname, `${entry}.js`) : path.join(__dirname, 'cli', source);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as Subcommand;
}

// `wharf lint . | head` closes the pipe early: that is the reader's choice, not a crash worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const argv = process.argv.slice(2);
// `wharf scan` (cli-scan.js) loads the AWS SDK, the Kubernetes client and the lint engine; lint and token never do.
const own = argv[0] === 'token' || argv[0] === 'scan';
const sub = argv[0] === 'token' ? load('cli-token', 'token') : argv[0] === 'scan' ? load('cli-scan', 'scan') : load('cli-lint', 'main');
const code = sub.main(own ? argv.slice(1) : argv);
if (typeof code === 'number') process.exitCode = code;
else void code.then((c) => (process.exitCode = c));
