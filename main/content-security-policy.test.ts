import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, withContentSecurityPolicy } from './content-security-policy';

describe('content security policy', () => {
  it('allows only the app’s own scripts in production', () => {
    expect(contentSecurityPolicy({ devServer: false })).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self' http: https: ws://localhost:*; object-src 'none'; " +
        "base-uri 'none'; frame-ancestors 'none'",
    );
  });

  it('lets the dev server run its inline Fast Refresh preamble', () => {
    expect(contentSecurityPolicy({ devServer: true })).toContain(
      "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    );
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
