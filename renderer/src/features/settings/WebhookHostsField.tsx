import { useState } from 'react';
import type { OfficeSettings } from '../../../../shared/office';
import { Field } from '../shared/Field';

/** The hosts as typed: one per line; blank lines do not count. */
function hostsOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * The office's allow-list of webhook hosts on private networks (plugins and staff chat
 * webhooks). It keeps the text as typed, so a wrong entry stays in the box beside its error;
 * empty means none, and public addresses never need an entry.
 */
export function WebhookHostsField({
  office,
  error,
  onChange,
}: {
  office: OfficeSettings;
  error: string | undefined;
  onChange(office: OfficeSettings): void;
}) {
  const [text, setText] = useState((office.webhookAllowedHosts ?? []).join('\n'));
  return (
    <Field
      label="Allowed private webhook hosts"
      error={error}
      hint="One host name or IP address per line, such as crm.agency.internal or 10.0.0.5. Webhooks may call these although they are on a private network or this computer; public addresses need no entry."
    >
      <textarea
        rows={3}
        spellCheck={false}
        autoCapitalize="off"
        value={text}
        placeholder="crm.agency.internal"
        onChange={(e) => {
          setText(e.target.value);
          const hosts = hostsOf(e.target.value);
          const { webhookAllowedHosts: _previous, ...rest } = office;
          onChange(hosts.length === 0 ? rest : { ...rest, webhookAllowedHosts: hosts });
        }}
      />
    </Field>
  );
}
