import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  contentSecurityPolicyDirectives,
  withContentSecurityPolicy,
} from './content-security-policy';

const directive = (policy: string[], name: string) =>
  policy
    .find((d) => d.split(' ')[0] === name)
    ?.split(' ')
    .slice(1);

describe('content security policy', () => {
  const production = contentSecurityPolicyDirectives({ devServer: false });

  it('allows only the app’s own scripts in production: no inline script, no eval', () => {
    expect(directive(production, 'script-src')).toEqual(["'self'"]);
    expect(directive(production, 'default-src')).toEqual(["'self'"]);
  });

  it('lets the page reach an office server at any http(s) address, but no WebSocket', () => {
    expect(directive(production, 'connect-src')).toEqual(["'self'", 'http:', 'https:']);
    expect(contentSecurityPolicy({ devServer: false })).not.toContain('ws:');
  });

  it('allows no plugins, frames, workers, base URL, form submission or framing', () => {
    for (const name of [
      'object-src',
      'frame-src',
      'child-src',
      'worker-src',
      'base-uri',
      'form-action',
      'frame-ancestors',
    ])
      expect(directive(production, name), name).toEqual(["'none'"]);
  });

  it('allows only the bundled stylesheets in production, inline styles only for the dev server', () => {
    expect(directive(production, 'style-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy({ devServer: true })).toContain(
      "style-src 'self' 'unsafe-inline'",
    );
  });

  it('allows images only from the app and data: URLs (drawn signatures)', () => {
    expect(directive(production, 'img-src')).toEqual(["'self'", 'data:']);
  });

  it('lets the dev server run its inline Fast Refresh preamble and hot reload socket', () => {
    const dev = contentSecurityPolicy({ devServer: true });
    expect(dev).toContain("script-src 'self' 'unsafe-inline' 'unsafe-eval'");
    expect(dev).toContain('ws://localhost:*');
  });

  it('names each directive once', () => {
    const names = production.map((d) => d.split(' ')[0]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('replaces a policy sent by the response, whatever the header case', () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      "default-src 'self'",
    );
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': ["default-src 'self'"],
    });
  });
});
