/**
 * Serves the H5 build (dist-h5/) from the local shop's server: a file under the root for its
 * path, `index.html` for `/`. No directory listing, nothing outside the root.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file `urlPath` names under `root`, or undefined (missing, a directory, or outside the root). */
export function resolveStaticFile(root: string, urlPath: string): string | undefined {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath.split('?')[0] ?? '');
  } catch {
    return undefined;
  }
  if (relative === '/' || relative === '') relative = '/index.html';
  const file = path.resolve(root, `.${relative}`);
  if (!file.startsWith(root + path.sep)) return undefined;
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

export function registerStaticFiles(app: FastifyInstance, root: string): void {
  const absoluteRoot = path.resolve(root);
  const serve = async (url: string, reply: import('fastify').FastifyReply) => {
    const file = resolveStaticFile(absoluteRoot, url);
    if (!file) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
    // Hashed bundles never change; index.html must be fetched again to pick up a new build.
    const cache = file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable';
    return reply
      .type(TYPES[path.extname(file)] ?? 'application/octet-stream')
      .header('cache-control', cache)
      .send(createReadStream(file));
  };
  app.get('/', (request, reply) => serve(request.url, reply));
  app.get('/*', (request, reply) => serve(request.url, reply));
}
