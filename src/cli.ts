// Entry point of the `wharf` command (bundled to dist/cli.js).
import { main } from './cli/main';

process.exitCode = main(process.argv.slice(2));
