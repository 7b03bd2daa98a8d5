import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  createAppProtocolHandler,
  contentTypeOf,
  originOf,
  resolveAppPath,
} from './app-protocol';

const root = mkdtempSync(join(tmpdir(), 'nolapse-renderer-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>NoLapse</title>');
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
// A file beside the renderer folder that no request may reach.
const outside = `${root}-secret.txt`;
writeFileSync(outside, 'secret');
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { force: true });
});

const handler = createAppProtocolHandler({
  rootDir: root,
  contentSecurityPolicy: "default-src 'self'",
});

describe('app:// path resolution', () => {
  it('maps app://nolapse/ paths to files in the renderer folder, / to the entry page', () => {
    expect(resolveAppPath('app://nolapse/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppPath(APP_ENTRY_URL, root)).toBe(join(root, 'index.html'));
    expect(resolveAppPath('app://nolapse/assets/index-abc.js?v=1#x', root)).toBe(
      join(root, 'assets', 'index-abc.js'),
    );
  });

  it('keeps dot segments inside the folder (the URL parser removes them first)', () => {
    for (const url of [
      'app://nolapse/../secret.txt',
      'app://nolapse/assets/../../secret.txt',
      'app://nolapse/%2e%2e/secret.txt',
      'app://nolapse/.%2E/.%2E/secret.txt',
    ])
      expect(resolveAppPath(url, root), url).toBe(join(root, 'secret.txt'));
  });

  it('refuses encoded separators and NUL bytes, which would become a way out', () => {
    for (const url of [
      'app://nolapse/assets%2f..%2f..%2fsecret.txt',
      'app://nolapse/..%5csecret.txt',
      'app://nolapse/assets/%00.js',
      `app://nolapse/${'..%2F'.repeat(8)}etc/passwd`,
    ])
      expect(resolveAppPath(url, root), url).toBeNull();
  });

  it('refuses other hosts, schemes, credentials and ports', () => {
    for (const url of [
      'app://other/index.html',
      'file:///etc/passwd',
      'https://nolapse/index.html',
      'app://user:pw@nolapse/index.html',
      'app://nolapse:8080/index.html',
      'not a url',
    ])
      expect(resolveAppPath(url, root), url).toBeNull();
  });

  it("names each file's type and computes an app:// origin Node's URL will not", () => {
    expect(contentTypeOf('a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('a/x.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a/blob.bin')).toBe('application/octet-stream');
    expect(originOf('app://nolapse/index.html#/queue')).toBe('app://nolapse');
    expect(originOf('http://localhost:5173/')).toBe('http://localhost:5173');
    expect(originOf('file:///index.html')).toBeNull();
  });
});

describe('app:// handler', () => {
  it('serves the entry page with the CSP and the right type', async () => {
    const response = await handler(new Request('app://nolapse/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>NoLapse</title>');
  });

  it('serves assets, and HEAD without a body', async () => {
    const asset = await handler(new Request('app://nolapse/assets/index-abc.js'));
    expect(await asset.text()).toBe('console.log(1)');
    const head = await handler(new Request('app://nolapse/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 403 for a way out, 404 for a missing file or a folder, 405 for a write', async () => {
    const escape = await handler(new Request('app://nolapse/assets%2F..%2F..%2Fsecret.txt'));
    expect(escape.status).toBe(403);
    expect(await escape.text()).toBe(
      'app://nolapse/assets%2F..%2F..%2Fsecret.txt is outside the NoLapse app.',
    );
    expect((await handler(new Request('app://nolapse/missing.js'))).status).toBe(404);
    expect((await handler(new Request('app://nolapse/assets'))).status).toBe(404);
    const post = await handler(new Request('app://nolapse/index.html', { method: 'POST' }));
    expect(post.status).toBe(405);
    expect(await post.text()).toBe('POST is not allowed on app://nolapse.');
  });
});
