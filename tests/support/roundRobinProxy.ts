import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A minimal load balancer on loopback: each request goes to the next backend in turn, like a
 *  Kubernetes Service without session affinity. Records which backend served each request. */
export async function startRoundRobinProxy(backends: string[]): Promise<{ url: string; served: string[]; close(): Promise<void> }> {
  let next = 0;
  const served: string[] = [];
  const server = http.createServer((req, res) => {
    const target = new URL(req.url ?? '/', backends[next++ % backends.length]);
    served.push(target.origin);
    const upstream = http.request(target, { method: req.method, headers: req.headers }, (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
