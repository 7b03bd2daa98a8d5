import { useEffect, useState, type FormEvent } from 'react';
import type { OfficeSettings, SettingsErrorKey, StaffMember } from '../../../../shared/office';
import type { FieldErrors } from '../../../../shared/result';
import { useUi } from '../../store/ui-store';
import { Field } from '../shared/Field';
import { useObservable, useServices } from '../shared/services';
import { useDirectory } from '../shared/use-directory';
import { BackupCard } from './BackupCard';
import { DevicesCard } from './DevicesCard';
import { StaffEditor } from './StaffEditor';
import { EscalationField } from './EscalationField';
import { SyncCard } from './SyncCard';
import { WebhookHostsField } from './WebhookHostsField';
import './settings.css';
import { LIMITS } from '../../../../shared/limits';

/**
 * Office-wide settings. This form edits a whole settings object with a staff list, so it keeps
 * its own state instead of useEntryForm's flat fields; the rules are shared/office.ts's.
 */
export function SettingsPage() {
  const { jobs } = useServices();
  const directory = useDirectory();
  const toast = useUi((s) => s.toast);
  const [form, setForm] = useState<OfficeSettings | null>(null);
  const [errors, setErrors] = useState<FieldErrors<SettingsErrorKey>>({});
  useEffect(() => {
    if (directory.loaded) setForm((current) => current ?? directory.office);
  }, [directory.loaded, directory.office]);
  if (!form) return <p className="empty">Loading settings…</p>;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form) return;
    try {
      const result = await jobs.settings.saveOffice(form);
      setErrors(result.ok ? {} : result.errors);
      if (result.ok) toast('info', 'Settings saved.');
      else if (result.errors.form) toast('error', result.errors.form);
    } catch (error) {
      toast('error', (error as Error).message);
    }
  }

  return (
    <section className="page" aria-labelledby="settings-title">
      <header className="page-header">
        <div>
          <h1 id="settings-title">Settings</h1>
          <p className="subtle">This device, its sync with the office server, and the office.</p>
        </div>
      </header>
      <ThisDevice staff={directory.office.staff} />
      <SyncCard />
      <DevicesCard />
      <BackupCard />
      <form className="card form narrow" onSubmit={submit} noValidate aria-label="Office settings">
        <div>
          <h2 className="card-title">Office</h2>
          <p className="subtle card-lead">Shared with every device of the office once it syncs.</p>
        </div>
        <Field label="Office name" error={errors.officeName}>
          <input
            value={form.officeName}
            maxLength={LIMITS.name}
            onChange={(e) => setForm({ ...form, officeName: e.target.value })}
          />
        </Field>
        <div className="row">
          <Field
            label="Office time zone"
            error={errors.timeZone}
            hint="Days until due count in this zone"
          >
            <input
              value={form.timeZone}
              onChange={(e) => setForm({ ...form, timeZone: e.target.value })}
            />
          </Field>
          <Field label="Daily refresh at" error={errors.dailyRefreshTime} hint="24-hour local time">
            <input
              value={form.dailyRefreshTime}
              onChange={(e) => setForm({ ...form, dailyRefreshTime: e.target.value })}
            />
          </Field>
        </div>
        <EscalationField
          value={form.escalateAfterDays}
          error={errors.escalateAfterDays}
          onChange={(days) => {
            const { escalateAfterDays: _previous, ...rest } = form;
            setForm(days === undefined ? rest : { ...rest, escalateAfterDays: days });
          }}
        />
        <WebhookHostsField office={form} error={errors.webhookAllowedHosts} onChange={setForm} />
        <StaffEditor
          office={form}
          errors={errors}
          onChange={(staff) => {
            // Staff problems are keyed by place in the list: adding or removing someone moves them.
            if (staff.length !== form.staff.length)
              setErrors(({ staff: _summary, ...kept }) =>
                Object.fromEntries(Object.entries(kept).filter(([k]) => !k.startsWith('staff.'))),
              );
            setForm({ ...form, staff });
          }}
        />
        <button type="submit" className="button button-primary">
          Save settings
        </button>
      </form>
    </section>
  );
}

/** Who uses this device: kept on the device, it decides what "Mine" means on the Tasks screen. */
function ThisDevice({ staff }: { staff: readonly StaffMember[] }) {
  const { sync } = useServices();
  const byToken = useObservable(() => sync.connection$, [sync])?.staffId ?? null;
  const me = useUi((s) => s.me);
  const setMe = useUi((s) => s.setMe);
  const toast = useUi((s) => s.toast);
  return (
    <div className="card form narrow device-card" aria-labelledby="device-title">
      <h2 id="device-title">This device</h2>
      <Field
        label="Used by"
        hint={
          byToken
            ? "Set by this device's sync token; an office admin can change it"
            : "Only this device remembers it; Tasks opens on this person's tasks"
        }
      >
        <select
          disabled={byToken !== null}
          value={me ?? ''}
          onChange={(e) => {
            const chosen = e.target.value || null;
            setMe(chosen);
            toast(
              'info',
              chosen
                ? `This device is now ${staff.find((s) => s.id === chosen)?.name ?? chosen}'s.`
                : 'This device is shared: nobody in particular.',
            );
          }}
        >
          <option value="">Nobody in particular (a shared PC)</option>
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}
