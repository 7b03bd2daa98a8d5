import { describe, expect, it } from 'vitest';
import {
  addressKind,
  allowedHostProblem,
  hostProblem,
  isAllowedHost,
  isJsonContentType,
  parseIpv6,
  resolvedAddressProblem,
  webhookUrlProblem,
} from './webhook-rules.js';

describe('addressKind', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['93.184.216.34', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['100.64.0.1', 'private'],
    ['100.128.0.1', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.10', 'private'],
    ['192.0.2.5', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'reserved'],
  ])('IPv4 %s is %s', (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });

  it.each([
    ['2606:4700:4700::1111', 'public'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['[::1]', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fd12:3456:789a::1', 'private'],
    ['fc00::1', 'private'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:8.8.8.8', 'public'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::169.254.169.254', 'link-local'],
    ['64:ff9b::8.8.8.8', 'public'],
    ['64:ff9b:1::1', 'private'],
    ['2002:c0a8:0101::1', 'private'],
    ['2002:0808:0808::1', 'public'],
  ])('IPv6 %s is %s', (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });

  it('is null for names and malformed addresses', () => {
    for (const text of [
      'hooks.example',
      '1.2.3',
      '1.2.3.256',
      '01.2.3.4',
      ':::1',
      '1::2::3',
      'g::1',
    ])
      expect(addressKind(text), text).toBeNull();
  });

  it('reads every IPv6 spelling of one address alike', () => {
    const loopback = [0, 0, 0, 0, 0, 0, 0, 1];
    for (const text of ['::1', '0::1', '0:0:0:0:0:0:0:1', '::0:1', '[0:0::1]'])
      expect(parseIpv6(text), text).toEqual(loopback);
    expect(parseIpv6('1:2:3:4:5:6:7:8:9')).toBeNull();
    expect(parseIpv6('1:2:3:4:5:6:7::8')).toBeNull();
    expect(parseIpv6('a:b:c:d:e:f:1.2.3.4')).toEqual([10, 11, 12, 13, 14, 15, 0x102, 0x304]);
  });
});

describe('hostProblem', () => {
  it('lets public hosts and names through', () => {
    expect(hostProblem('hooks.agency.example', [])).toBeNull();
    expect(hostProblem('8.8.8.8', [])).toBeNull();
    expect(hostProblem('[2606:4700:4700::1111]', [])).toBeNull();
  });

  it('refuses loopback, private and link-local literals, and says how to allow one', () => {
    expect(hostProblem('127.0.0.1', [])).toBe(
      'The webhook host 127.0.0.1 is a loopback address (the computer making the call). NoLapse calls only public internet addresses unless the office allows the host in Settings, under “Allowed private webhook hosts”.',
    );
    expect(hostProblem('[::1]', [])).toContain('loopback');
    expect(hostProblem('169.254.169.254', [])).toContain('link-local');
    expect(hostProblem('[::ffff:192.168.0.1]', [])).toContain('private network');
    expect(hostProblem('0.0.0.0', [])).toContain('unspecified');
  });

  it('refuses names that only ever mean a local network', () => {
    for (const host of [
      'localhost',
      'app.localhost',
      'printer.local',
      'nas.home.arpa',
      'crm.internal',
    ])
      expect(hostProblem(host, []), host).toContain('a local network name');
    expect(hostProblem('localhost.example.com', [])).toBeNull();
  });

  it('lets an allow-listed host through, however it is written', () => {
    expect(hostProblem('127.0.0.1', ['127.0.0.1'])).toBeNull();
    expect(hostProblem('[::1]', ['0:0:0:0:0:0:0:1'])).toBeNull();
    expect(hostProblem('localhost', ['LOCALHOST.'])).toBeNull();
    expect(hostProblem('127.0.0.2', ['127.0.0.1'])).not.toBeNull();
  });
});

describe('resolvedAddressProblem', () => {
  it('refuses a public name that resolves to a private address', () => {
    expect(resolvedAddressProblem('hooks.example', '10.0.0.7', [])).toBe(
      'The webhook host hooks.example resolves to 10.0.0.7, a private network address. NoLapse calls only public internet addresses unless the office allows the host in Settings, under “Allowed private webhook hosts”.',
    );
    expect(resolvedAddressProblem('hooks.example', '93.184.216.34', [])).toBeNull();
  });

  it('lets it through when the office allowed the name or the address', () => {
    expect(resolvedAddressProblem('crm.corp', '10.0.0.7', ['crm.corp'])).toBeNull();
    expect(resolvedAddressProblem('crm.corp', '10.0.0.7', ['10.0.0.7'])).toBeNull();
    expect(resolvedAddressProblem('crm.corp', '10.0.0.8', ['10.0.0.7'])).not.toBeNull();
  });
});

describe('webhookUrlProblem', () => {
  it('refuses other schemes', () => {
    expect(webhookUrlProblem({ protocol: 'file:', hostname: '' }, [])).toBe(
      'The webhook address must start with https:// or http://, not file://.',
    );
    expect(webhookUrlProblem({ protocol: 'https:', hostname: 'hooks.example' }, [])).toBeNull();
  });
});

describe('allowedHostProblem', () => {
  it('accepts host names and addresses', () => {
    for (const entry of [
      'hooks.agency.example',
      'crm',
      '10.0.0.5',
      '::1',
      '[fd00::1]',
      'LOCALHOST',
    ])
      expect(allowedHostProblem(entry), entry).toBeNull();
  });

  it('says what to change in an entry that is not just a host', () => {
    expect(allowedHostProblem('https://hooks.example/x')).toBe(
      'Enter only the host of “https://hooks.example/x”, without its scheme: for example hooks.agency.example.',
    );
    expect(allowedHostProblem('hooks.example/x')).toContain('without a path');
    expect(allowedHostProblem('hooks.example:8443')).toBe(
      'Enter “hooks.example:8443” without its port: allowing a host allows every port on it.',
    );
    expect(allowedHostProblem('bad host')).toContain('is not a host name or an IP address');
    expect(allowedHostProblem('-bad.example')).toContain('is not a host name');
    expect(allowedHostProblem('  ')).toBe('Remove the empty line, or enter a host.');
    expect(allowedHostProblem('a'.repeat(254))).toContain('longer than a host name can be');
  });
});

describe('isAllowedHost and isJsonContentType', () => {
  it('compares hosts without case, brackets or a final dot', () => {
    expect(isAllowedHost('Hooks.Example.', ['hooks.example'])).toBe(true);
    expect(isAllowedHost('[FD00::1]', ['fd00:0::1'])).toBe(true);
    expect(isAllowedHost('hooks.example', [])).toBe(false);
  });

  it('takes application/json with parameters, nothing else', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON; charset=utf-8')).toBe(true);
    expect(isJsonContentType('text/html')).toBe(false);
    expect(isJsonContentType('application/jsonp')).toBe(false);
    expect(isJsonContentType(null)).toBe(false);
  });
});
