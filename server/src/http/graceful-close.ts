import type { Server, ServerResponse } from 'node:http';

/** How long a stopping server lets requests it is answering finish before it cuts their connections. */
export const DRAIN_MS = 7_000;

/**
 * Stopping without cutting anyone off (SIGTERM under load). `server.close()` alone is not enough: it stops
 * accepting, but a keep-alive client that is being answered gets `Connection: keep-alive` and sends its next
 * request on the same socket, so a busy server never runs out of open connections until a timer cuts them
 * all — mid-response. So once draining, every response not yet started says `Connection: close` (Node then
 * ends the socket after it), idle sockets are closed as they appear, and only what is still running after
 * DRAIN_MS is cut.
 */
export function drainOnClose(server: Server): { close(graceMs?: number): Promise<void> } {
  const active = new Set<ServerResponse>();
  let draining = false;
  server.on('request', (_req, res: ServerResponse) => {
    if (draining) res.setHeader('Connection', 'close');
    active.add(res);
    res.once('close', () => active.delete(res));
  });
  return {
    close: (graceMs = DRAIN_MS) =>
      new Promise<void>((resolve) => {
        draining = true;
        for (const res of active) if (!res.headersSent) res.setHeader('Connection', 'close');
        // a response whose headers had gone out already (a photo being streamed) leaves its socket idle after
        const sweep = setInterval(() => server.closeIdleConnections(), 200);
        const hard = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearInterval(sweep);
          clearTimeout(hard);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
