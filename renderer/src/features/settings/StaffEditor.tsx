import { useEffect, useId, useRef, useState } from 'react';
import {
  adminsOf,
  CHANNELS,
  preferenceOf,
  REMINDER_MODES,
  staffErrorKey,
  type Channel,
  type ChannelPreference,
  type OfficeSettings,
  type SettingsErrorKey,
  type StaffField,
  type StaffMember,
} from '../../../../shared/office';
import {
  CHANNEL_NAMES,
  describePreference,
  MODE_NAMES,
  WEEKDAY_NAMES,
} from '../../../../shared/reminders/preference-words';
import type { FieldErrors } from '../../../../shared/result';
import { Field } from '../shared/Field';
import './staff-editor.css';
import { LIMITS } from '../../../../shared/limits';

type Errors = FieldErrors<SettingsErrorKey>;

/** Above this many people the list offers a search. */
const SEARCH_FROM = 8;

/** Ids of the members with a problem in `errors`, by their place in `staff`. */
function membersWithProblems(errors: Errors, staff: readonly StaffMember[]): Set<string> {
  const ids = new Set<string>();
  for (const key of Object.keys(errors)) {
    const match = /^staff\.(\d+)\./.exec(key);
    const member = match ? staff[Number(match[1])] : undefined;
    if (member && errors[key as SettingsErrorKey]) ids.add(member.id);
  }
  return ids;
}

/**
 * The office's staff, one compact row each (name, email, roles, how reminders reach them) that
 * opens to the details: email, Admin and Supervisor, and per channel each reminder, a daily or
 * weekly digest at a time, or off. A member who has not chosen a channel's mode gets the
 * office default, shown beside it. A refused save opens the members it is about, with each
 * problem beside its field, and focuses the first one; what was typed stays.
 */
export function StaffEditor({
  office,
  errors,
  onChange,
}: {
  /** The settings as edited so far: defaults follow the roles being edited. */
  office: OfficeSettings;
  errors: Errors;
  onChange(staff: StaffMember[]): void;
}) {
  const staff = office.staff;
  const root = useRef<HTMLFieldSetElement>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const [search, setSearch] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  // A refused save opens the members it is about (a search no longer hides them), in the
  // same render as the errors, so the first problem can take the focus.
  const [shownErrors, setShownErrors] = useState(errors);
  if (shownErrors !== errors) {
    setShownErrors(errors);
    const failing = membersWithProblems(errors, staff);
    if (failing.size > 0) {
      setOpen(new Set([...open, ...failing]));
      setSearch('');
    }
  }
  useEffect(() => {
    if (!Object.keys(errors).some((key) => key.startsWith('staff'))) return;
    root.current?.closest('form')?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const update = (index: number, member: StaffMember) =>
    onChange(staff.map((s, i) => (i === index ? member : s)));
  const toggle = (id: string) => {
    const next = new Set(open);
    if (!next.delete(id)) next.add(id);
    setOpen(next);
  };
  // A new member opens alone, with the focus in their name.
  const add = () => {
    const id = `staff_${Date.now().toString(36)}`;
    onChange([...staff, { id, name: '' }]);
    setOpen(new Set([id]));
    setAdded(id);
    setSearch('');
  };

  const admins = adminsOf(office);
  const noAdminMarked = !staff.some((s) => s.admin);
  const noSupervisorMarked = !staff.some((s) => s.supervisor);
  const query = search.trim().toLocaleLowerCase();
  const shown = staff
    .map((member, index) => ({ member, index }))
    .filter(
      ({ member }) =>
        !query ||
        member.name.toLocaleLowerCase().includes(query) ||
        (member.email ?? '').toLocaleLowerCase().includes(query),
    );
  const summary = errors.staff;

  return (
    <fieldset className="staff-editor" ref={root}>
      <legend>
        Staff <span className="staff-count">({staff.length})</span>
      </legend>
      <p className="hint staff-lead">
        Who works here and how reminders reach them. Admins manage devices and get what is assigned
        to nobody; supervisors get what nobody acted on.
        {noAdminMarked && admins[0] && (
          <>
            {' '}
            Nobody is marked admin, so {admins[0].name.trim() || 'the first person'} acts as one.
          </>
        )}
        {noSupervisorMarked && <> Nobody is marked supervisor, so escalations go to the admins.</>}
      </p>
      {staff.length > SEARCH_FROM && (
        <label className="staff-search">
          <span className="visually-hidden">Find a staff member</span>
          <input
            type="search"
            placeholder={`Find among ${staff.length} people by name or email`}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </label>
      )}
      <ul className="staff-list" aria-label="Staff members">
        {shown.map(({ member, index }) => (
          <StaffRow
            key={member.id}
            office={office}
            member={member}
            index={index}
            errors={errors}
            open={open.has(member.id)}
            justAdded={added === member.id}
            onToggle={() => toggle(member.id)}
            onChange={(next) => update(index, next)}
            onRemove={() => onChange(staff.filter((_, i) => i !== index))}
          />
        ))}
        {shown.length === 0 && <li className="staff-none">Nobody matches “{search.trim()}”.</li>}
      </ul>
      {summary && (
        <span className="error" role="alert">
          {summary}
        </span>
      )}
      <div>
        <button type="button" className="button button-small" onClick={add}>
          + Add staff member
        </button>
      </div>
    </fieldset>
  );
}

function StaffRow({
  office,
  member,
  index,
  errors,
  open,
  justAdded,
  onToggle,
  onChange,
  onRemove,
}: {
  office: OfficeSettings;
  member: StaffMember;
  index: number;
  errors: Errors;
  open: boolean;
  justAdded: boolean;
  onToggle(): void;
  onChange(member: StaffMember): void;
  onRemove(): void;
}) {
  const detailsId = useId();
  const errorOf = (field: StaffField) => errors[staffErrorKey(index, field)];
  const problems = Object.keys(errors).filter(
    (key) => key.startsWith(`staff.${index}.`) && key !== staffErrorKey(index, 'name'),
  ).length;
  // Not "Staff member N": that is the name field's own label.
  const name = member.name.trim() || `new member ${index + 1}`;
  const effective = (channel: Channel) => preferenceOf(office, member, channel);
  const nameError = errorOf('name');

  return (
    <li className="staff-member" data-open={open || undefined}>
      <div className="staff-summary">
        <div className={`staff-name${nameError ? ' field-invalid' : ''}`}>
          <label>
            <span className="visually-hidden">Staff member {index + 1}</span>
            <input
              value={member.name}
              maxLength={LIMITS.name}
              placeholder="Name"
              autoFocus={justAdded}
              onChange={(e) => onChange({ ...member, name: e.target.value })}
              aria-invalid={nameError ? true : undefined}
            />
          </label>
          {nameError && (
            <span className="error" role="alert">
              {nameError}
            </span>
          )}
        </div>
        <div className="staff-facts">
          {member.admin && <span className="staff-role">Admin</span>}
          {member.supervisor && <span className="staff-role">Supervisor</span>}
        </div>
        <div className="staff-buttons">
          <button
            type="button"
            className="button button-small staff-toggle"
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={`${open ? 'Hide' : 'Show'} details of ${name}`}
            onClick={onToggle}
          >
            Details
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={onRemove}
            aria-label={`Remove ${name}`}
          >
            Remove
          </button>
        </div>
        <div className="staff-channels">
          <span className={member.email?.trim() ? 'staff-email' : 'staff-email staff-missing'}>
            {member.email?.trim() || 'No email'}
          </span>
          {CHANNELS.map((channel) => (
            <span key={channel} data-off={effective(channel).mode === 'off' || undefined}>
              {CHANNEL_NAMES[channel]}: {shortMode(effective(channel))}
            </span>
          ))}
        </div>
      </div>
      {!open && problems > 0 && (
        <button type="button" className="staff-problems" onClick={onToggle}>
          {problems === 1 ? '1 problem' : `${problems} problems`} in the details: show them
        </button>
      )}
      {open && (
        <div className="staff-details" id={detailsId} role="group" aria-label={`${name}: details`}>
          <MemberDetails office={office} member={member} errorOf={errorOf} onChange={onChange} />
        </div>
      )}
    </li>
  );
}

/** The compact row's word for a channel's mode: 'each', 'daily 08:00', 'Fri 17:00', 'off'. */
function shortMode(preference: ChannelPreference): string {
  if (preference.mode === 'each') return 'each';
  if (preference.mode === 'off') return 'off';
  if (preference.mode === 'daily') return `daily ${preference.at}`;
  return `${(WEEKDAY_NAMES[preference.weekday - 1] ?? '').slice(0, 3)} ${preference.at}`;
}

function MemberDetails({
  office,
  member,
  errorOf,
  onChange,
}: {
  office: OfficeSettings;
  member: StaffMember;
  errorOf(field: StaffField): string | undefined;
  onChange(member: StaffMember): void;
}) {
  const chosen = (channel: Channel) => member.reminders?.[channel];
  const fallback = (channel: Channel) =>
    preferenceOf(office, { ...member, reminders: {} }, channel);
  const effective = (channel: Channel) => chosen(channel) ?? fallback(channel);
  const setPreference = (channel: Channel, preference: ChannelPreference | undefined) => {
    const reminders = { ...member.reminders };
    if (preference) reminders[channel] = preference;
    else delete reminders[channel];
    const { reminders: _dropped, ...rest } = member;
    onChange(Object.keys(reminders).length > 0 ? { ...rest, reminders } : rest);
  };
  const emailReminders = effective('email').mode !== 'off';

  return (
    <>
      <div className="staff-detail-row">
        <Field
          label="Email"
          error={errorOf('email')}
          {...(!member.email?.trim() && emailReminders
            ? { hint: 'Without an address, email reminders have nowhere to go' }
            : {})}
        >
          <input
            type="email"
            value={member.email ?? ''}
            maxLength={LIMITS.email}
            placeholder="ayse@agency.example"
            autoComplete="off"
            onChange={(e) => onChange({ ...member, email: e.target.value })}
          />
        </Field>
        <div className="staff-roles" role="group" aria-label="Roles">
          <label className="staff-check">
            <input
              type="checkbox"
              checked={member.admin ?? false}
              onChange={(e) => onChange({ ...member, admin: e.target.checked })}
            />
            <span>
              Admin <span className="hint">manages devices; gets what is assigned to nobody</span>
            </span>
          </label>
          <label className="staff-check">
            <input
              type="checkbox"
              checked={member.supervisor ?? false}
              onChange={(e) => onChange({ ...member, supervisor: e.target.checked })}
            />
            <span>
              Supervisor <span className="hint">gets renewals and tasks nobody acted on</span>
            </span>
          </label>
        </div>
      </div>
      <div className="staff-reminders" role="group" aria-label="Reminders">
        <div className="staff-reminders-title">Reminders</div>
        {CHANNELS.map((channel) => (
          <ChannelRow
            key={channel}
            channel={channel}
            chosen={chosen(channel)}
            fallback={fallback(channel)}
            errorOf={errorOf}
            onChange={(preference) => setPreference(channel, preference)}
          />
        ))}
        {effective('webhook').mode !== 'off' && (
          <Field
            label="Webhook address"
            error={errorOf('webhookUrl')}
            hint={'A Slack- or Teams-style incoming webhook; it receives {"text": …}'}
          >
            <input
              value={member.webhookUrl ?? ''}
              maxLength={LIMITS.url}
              placeholder="https://hooks.slack.com/services/…"
              autoComplete="off"
              onChange={(e) => onChange({ ...member, webhookUrl: e.target.value })}
            />
          </Field>
        )}
        <p className="hint staff-reminders-note">
          Urgent reminders (7 days, 1 day, overdue, escalations) never wait for a digest. Times are
          in the office time zone, {office.timeZone}.
        </p>
      </div>
    </>
  );
}

function ChannelRow({
  channel,
  chosen,
  fallback,
  errorOf,
  onChange,
}: {
  channel: Channel;
  chosen: ChannelPreference | undefined;
  fallback: ChannelPreference;
  errorOf(field: StaffField): string | undefined;
  onChange(preference: ChannelPreference | undefined): void;
}) {
  const id = useId();
  const words = CHANNEL_NAMES[channel];
  const atError = errorOf(`reminders.${channel}.at`);
  const weekdayError = errorOf(`reminders.${channel}.weekday`);
  const modeError = errorOf(`reminders.${channel}.mode`);
  const problem = modeError ?? weekdayError ?? atError;
  // A digest the person chose has its own day and time; the default's are the office's.
  const digest = chosen && (chosen.mode === 'daily' || chosen.mode === 'weekly') ? chosen : null;
  const note = `${id}-note`;
  return (
    <div className="staff-channel">
      <label className="staff-channel-name" htmlFor={`${id}-mode`}>
        {words}
      </label>
      <select
        id={`${id}-mode`}
        aria-label={`${words} reminders`}
        aria-describedby={note}
        aria-invalid={modeError ? true : undefined}
        value={chosen?.mode ?? ''}
        onChange={(e) => {
          const mode = e.target.value as ChannelPreference['mode'] | '';
          onChange(mode === '' ? undefined : { ...(chosen ?? fallback), mode });
        }}
      >
        <option value="">Office default</option>
        {REMINDER_MODES.map((mode) => (
          <option key={mode} value={mode}>
            {MODE_NAMES[mode]}
          </option>
        ))}
      </select>
      {digest?.mode === 'weekly' ? (
        <select
          aria-label={`${words} digest day`}
          aria-invalid={weekdayError ? true : undefined}
          aria-describedby={note}
          value={digest.weekday}
          onChange={(e) => onChange({ ...digest, weekday: Number(e.target.value) })}
        >
          {WEEKDAY_NAMES.map((day, i) => (
            <option key={day} value={i + 1}>
              {day}
            </option>
          ))}
        </select>
      ) : (
        <span aria-hidden />
      )}
      {digest ? (
        <input
          className="staff-time"
          aria-label={`${words} digest time`}
          aria-invalid={atError ? true : undefined}
          aria-describedby={note}
          value={digest.at}
          placeholder="HH:MM"
          inputMode="numeric"
          autoComplete="off"
          onChange={(e) => onChange({ ...digest, at: e.target.value })}
        />
      ) : (
        <span aria-hidden />
      )}
      <span
        id={note}
        className={problem ? 'error staff-channel-note' : 'hint staff-channel-note'}
        role={problem ? 'alert' : undefined}
      >
        {problem ??
          (chosen
            ? digest
              ? '24-hour time in the office zone'
              : ''
            : `Default: ${describePreference(fallback)}`)}
      </span>
    </div>
  );
}
