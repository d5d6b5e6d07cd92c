// Entry of dist/simulator/main.js. Run by node, it is the CLI; required or imported (tools/start.mjs,
// benchmarks), it only exports the programmatic API and starts nothing.
import { runCli } from './cli/run-cli';

export * from './index';

if (require.main === module) {
  void runCli(process.argv.slice(2), process.env).then((code) => {
    process.exitCode = code;
    // Idle keep-alive sockets must not hold the process open after a clean stop.
    setTimeout(() => process.exit(code), 1000).unref();
  });
}
