// Entry point of the `wharf` command (bundled to dist/cli.js).
import { main } from './cli/main';

// `wharf lint . | head` closes the pipe early: that is the reader's choice, not a crash worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = main(process.argv.slice(2));
