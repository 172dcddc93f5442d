import { ConfigError } from './config.js';
import { FerretDbUnavailableError } from './db/ferretdb-binary.js';
import { boot, type RunningServer } from './boot.js';

/** Process entry: boot, then stop cleanly on SIGINT/SIGTERM (and stop the embedded database on a crash). */
async function main(): Promise<void> {
  let running: RunningServer;
  try {
    running = await boot();
  } catch (err) {
    if (err instanceof ConfigError || err instanceof FerretDbUnavailableError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  process.stdout.write(`城管通 server: ${running.url}  (engine: ${running.db.engine})\n`);
  let stopping = false;
  const shutdown = async (signal: string, code: number) => {
    if (stopping) return;
    stopping = true;
    running.deps.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(code || 1), 20_000);
    force.unref();
    await running.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT', 0));
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.on('uncaughtException', (err) => {
    running.deps.logger.fatal({ err }, 'uncaught exception');
    void shutdown('uncaughtException', 1);
  });
  // the embedded database died under us (killed, crashed): stop, so the process manager starts both again
  void running.db.embedded?.lost.then((what) => {
    if (stopping) return;
    running.deps.logger.fatal({ what }, 'embedded database exited: stopping the server');
    void shutdown('database lost', 1);
  });
  process.on('unhandledRejection', (err) => {
    running.deps.logger.fatal({ err }, 'unhandled rejection');
    void shutdown('unhandledRejection', 1);
  });
}

void main().catch((err: unknown) => {
  process.stderr.write(`启动失败: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
