/**
 * The built web console (sandbox/console/build): its files, and index.html for every console page
 * (the console routes by path, like Jira: /browse/SD-1, /admin; the PRA pages /pra/console, /pra/login
 * and /pra/session_download are served from the /pra mount, see PRA_PAGES).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { sendResponse } from '../shared/http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Paths (without /pra) that the PRA simulator does not serve but a browser on the appliance would open. */
export const PRA_PAGES = new Set(['/console', '/login', '/session_download']);

export function isConsolePage(pathname: string): boolean {
  return pathname === '/' || pathname === '/admin' || /^\/browse\/[^/]+$/.test(pathname);
}

export class ConsoleFiles {
  constructor(readonly dir: string) {}

  private notBuilt(res: ServerResponse): void {
    sendResponse(res, {
      status: 503,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      body: `The web console is not built (${this.dir} is missing). npm start builds it; or run: npx tsx -e "require('./sandbox/console/build').buildConsole()"`,
    });
  }

  serveIndex(res: ServerResponse): void {
    this.serveFile(res, 'index.html');
  }

  /** Serves `/assets/...`, `/uikit.html` and the console pages; false when the path is none of them. */
  serve(pathname: string, res: ServerResponse): boolean {
    if (isConsolePage(pathname)) {
      this.serveIndex(res);
      return true;
    }
    if (pathname === '/uikit.html' || pathname.startsWith('/assets/') || pathname === '/favicon.ico') {
      this.serveFile(res, pathname.slice(1));
      return true;
    }
    return false;
  }

  private serveFile(res: ServerResponse, relative: string): void {
    if (!existsSync(path.join(this.dir, 'index.html'))) return this.notBuilt(res);
    const root = path.resolve(this.dir);
    const file = path.resolve(root, relative);
    if (!file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      sendResponse(res, { status: 404, body: 'Not found' });
      return;
    }
    const ext = path.extname(file);
    const immutable = relative.startsWith('assets/');
    sendResponse(res, {
      status: 200,
      headers: { 'Content-Type': TYPES[ext] ?? 'application/octet-stream', 'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-store' },
      body: readFileSync(file),
    });
  }
}
