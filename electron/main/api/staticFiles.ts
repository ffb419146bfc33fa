import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2',
  '.map': 'application/json', '.txt': 'text/plain; charset=utf-8',
};

/** Serves the built renderer; unknown paths fall back to index.html (client-side routes). */
export async function serveStatic(root: string, urlPath: string, req: http.IncomingMessage, res: http.ServerResponse, headers: Record<string, string>): Promise<void> {
  const resolvedRoot = path.resolve(root);
  let file = path.resolve(resolvedRoot, `.${decodeURIComponent(urlPath)}`);
  if (!file.startsWith(resolvedRoot + path.sep) && file !== resolvedRoot) file = path.join(resolvedRoot, 'index.html');
  let stat = await fs.promises.stat(file).catch(() => null);
  if (!stat || stat.isDirectory()) {
    file = path.join(resolvedRoot, 'index.html');
    stat = await fs.promises.stat(file).catch(() => null);
  }
  if (!stat) {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    res.end('The app has not been built. Run `npm run build:renderer` (npm run serve does this for you).');
    return;
  }
  const ext = path.extname(file);
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  res.writeHead(200, {
    ...headers,
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'content-length': String(stat.size),
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') return void res.end();
  fs.createReadStream(file).pipe(res);
}
