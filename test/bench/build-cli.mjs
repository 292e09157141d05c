// Builds the CLI bundles exactly as esbuild.mjs does, into another directory (default: a temporary one), so a
// benchmark times what ships without racing anyone else's `npm run build` over dist/. Prints the directory.
// Usage: node test/bench/build-cli.mjs [OUTDIR]
import * as esbuild from 'esbuild';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { shippedBuilds } from '../../esbuild.mjs';

const out = process.argv[2] ? path.resolve(process.argv[2]) : mkdtempSync(path.join(os.tmpdir(), 'wharf-cli-'));
// builds[0] is the extension; the others are the CLI's dispatcher and subcommand bundles.
await Promise.all(shippedBuilds().slice(1).map((b) => esbuild.build({ ...b, outdir: out })));
process.stdout.write(`${out}\n`);
