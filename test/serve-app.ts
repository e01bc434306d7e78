import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';

/**
 * A TCP port nobody listens on right now. Browser tests need the port before the app exists,
 * because SITE_URL (`http://127.0.0.1:PORT`, so cookies are not `__Host-`/Secure) is config.
 */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A fetch handler served on 127.0.0.1:`port` with @hono/node-server; `close()` ends it. */
export type ServedApp = { server: ServerType; close(): Promise<void> };

/** Serves `fetch` (usually `createApp(deps).fetch`) on 127.0.0.1:`port` and waits until it listens. */
export async function serveOnPort(fetch: (request: Request) => Response | Promise<Response>, port: number): Promise<ServedApp> {
  const server = serve({ fetch, port, hostname: '127.0.0.1' });
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive sockets from the browser would otherwise hold close() open.
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
