import { describe, expect, it } from 'vitest';
import {
  checkOfficeSettings,
  defaultOfficeSettings,
  webhookAllowedHosts,
  type OfficeSettings,
} from './office.js';

const base: OfficeSettings = { ...defaultOfficeSettings('Europe/Istanbul'), officeName: 'Ikamet' };

describe('the webhook hosts an office allows', () => {
  it('default to none, also for settings saved before the field existed', () => {
    expect(webhookAllowedHosts(base)).toEqual([]);
    expect(checkOfficeSettings(base)).toEqual({ ok: true, value: base });
  });

  it('keep names and addresses, trimmed', () => {
    const result = checkOfficeSettings({
      ...base,
      webhookAllowedHosts: [' crm.corp ', '10.0.0.5', '::1'],
    });
    expect(result.ok && webhookAllowedHosts(result.value)).toEqual(['crm.corp', '10.0.0.5', '::1']);
  });

  it('refuse an entry that is not just a host, saying what to change', () => {
    expect(
      checkOfficeSettings({ ...base, webhookAllowedHosts: ['crm.corp', 'http://10.0.0.5:8080/'] }),
    ).toEqual({
      ok: false,
      errors: {
        webhookAllowedHosts:
          'Enter only the host of “http://10.0.0.5:8080/”, without its scheme: for example hooks.agency.example.',
      },
    });
  });

  it('refuse more than 50 hosts', () => {
    const many = Array.from({ length: 51 }, (_, i) => `host${i}.corp`);
    expect(checkOfficeSettings({ ...base, webhookAllowedHosts: many })).toEqual({
      ok: false,
      errors: { webhookAllowedHosts: 'Allow at most 50 webhook hosts.' },
    });
  });
});
