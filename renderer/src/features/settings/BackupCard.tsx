import { useCallback, useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { MAX_BACKUPS_KEPT, type BackupStatus } from '../../../../shared/ipc';
import type { BackupContents, BackupDocument, RestoreReport } from '../../db/backup';
import { useUi } from '../../store/ui-store';
import { Field } from '../shared/Field';
import { useServices } from '../shared/services';
import './backup-card.css';

const number = new Intl.NumberFormat('en-GB');
function records(total: number): string {
  return `${number.format(total)} ${total === 1 ? 'record' : 'records'}`;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const when = (instant: string) =>
  new Date(instant).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** Starts a download of `text` as `fileName`: the browser's (or Electron's) own save flow. */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Chromium reads the blob when the download starts; revoking at once can cut it off.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

type Chosen = { fileName: string; backup: BackupDocument; contents: BackupContents };

/**
 * Settings → Backups: Export (a file with everything on this device), Import (into an empty
 * profile, after a confirmation that says what the file holds), and on the desktop the daily
 * backups main keeps and how many.
 */
export function BackupCard() {
  const { backups, platform, jobs, refresh } = useServices();
  const toast = useUi((s) => s.toast);
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [keep, setKeep] = useState('');
  const [keepError, setKeepError] = useState<string>();
  const [busy, setBusy] = useState<'export' | 'read' | 'restore' | null>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [importError, setImportError] = useState<string>();
  const [restored, setRestored] = useState<RestoreReport | null>(null);

  const load = useCallback(async () => {
    const current = await platform.backupStatus();
    setStatus(current);
    setKeep((typed) => typed || String(current.keep));
  }, [platform]);
  useEffect(() => void load().catch(() => undefined), [load]);

  async function exportNow() {
    setBusy('export');
    try {
      const [{ text, contents }, today] = await Promise.all([backups.exportNow(), jobs.today()]);
      const fileName = `nolapse-backup-${today}.json`;
      download(fileName, text);
      toast('info', `Exported ${records(contents.total)} to ${fileName}.`);
    } catch (error) {
      toast('error', `Could not export a backup: ${(error as Error).message}`);
    } finally {
      setBusy(null);
    }
  }

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setChosen(null);
    setRestored(null);
    setImportError(undefined);
    setBusy('read');
    try {
      const read = backups.read(await file.text());
      if (read.ok) setChosen({ fileName: file.name, ...read.value });
      else setImportError(read.errors.form);
    } catch (error) {
      setImportError(`Could not read ${file.name}: ${(error as Error).message}`);
    } finally {
      setBusy(null);
    }
  }

  async function restore() {
    if (!chosen) return;
    setBusy('restore');
    try {
      const result = await backups.restore(chosen.backup);
      if (!result.ok) {
        const dataFolder = status?.folder?.replace(/[\\/][^\\/]+$/, '');
        setImportError(
          result.errors.form +
            (dataFolder
              ? ` To start empty here, quit NoLapse and rename its data folder (${dataFolder}); it then opens empty.`
              : ''),
        );
        setChosen(null);
        return;
      }
      setChosen(null);
      setRestored(result.value);
      toast('info', `Restored ${records(result.value.total)}.`);
      // Finishes what the backup's journal left and brings stages to today.
      void refresh();
    } catch (error) {
      setImportError((error as Error).message);
    } finally {
      setBusy(null);
    }
  }

  async function saveKeep(event: FormEvent) {
    event.preventDefault();
    const count = Number(keep);
    if (!Number.isInteger(count) || count < 1 || count > MAX_BACKUPS_KEPT)
      return setKeepError(`Keep between 1 and ${MAX_BACKUPS_KEPT} daily backups.`);
    setKeepError(undefined);
    try {
      const next = await platform.setBackupsKept(count);
      setStatus(next);
      toast(
        'info',
        `NoLapse keeps the newest ${count} daily ${count === 1 ? 'backup' : 'backups'}.`,
      );
    } catch (error) {
      setKeepError((error as Error).message);
    }
  }

  const latest = status?.backups[0];
  return (
    <section className="card form narrow backup-card" aria-labelledby="backup-title">
      <h2 id="backup-title">Backups</h2>
      <p className="subtle">
        A backup is one file with everything on this device: customers, renewals, documents,
        policies, settings and the alerts already delivered.
      </p>

      {status?.daily ? (
        <div className="backup-daily" aria-label="Daily backups">
          <p>
            NoLapse writes a backup each day after the daily refresh and keeps the newest{' '}
            {status.keep}, in <code className="mono">{status.folder}</code>.
          </p>
          <p className="subtle">
            {latest
              ? `Last daily backup: ${latest.day} (${size(latest.bytes)}, written ${when(latest.writtenAt)}); ${status.backups.length} kept.`
              : 'No daily backup yet: the first is written after the next daily refresh.'}
          </p>
          {status.lastFailure && (
            <p className="error backup-message" role="alert">
              {status.lastFailure.message}
            </p>
          )}
          <form
            className="backup-keep"
            onSubmit={saveKeep}
            noValidate
            aria-label="Daily backups kept"
          >
            <Field label="Daily backups to keep" error={keepError} hint="Older ones are deleted">
              <input inputMode="numeric" value={keep} onChange={(e) => setKeep(e.target.value)} />
            </Field>
            <button type="submit" className="button">
              Save
            </button>
          </form>
        </div>
      ) : (
        status && (
          <div className="backup-daily" aria-label="Daily backups">
            <p>
              In a browser NoLapse writes no daily backup: export one regularly, or connect this
              device to an office server (Sync above), which keeps the office&apos;s records.
            </p>
            {status.persistentStorage !== null && (
              <p className="subtle">
                {status.persistentStorage
                  ? 'This browser keeps NoLapse’s data even when disk space runs low.'
                  : 'This browser may clear NoLapse’s data when disk space runs low: export backups regularly.'}
              </p>
            )}
          </div>
        )
      )}

      <div className="backup-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={busy !== null}
          onClick={() => void exportNow()}
        >
          {busy === 'export' ? 'Exporting…' : 'Export backup'}
        </button>
        <label className={`button backup-import${busy !== null ? ' is-disabled' : ''}`}>
          {busy === 'read' ? 'Reading…' : 'Import backup…'}
          <input
            type="file"
            accept=".json,application/json"
            aria-label="Backup file to import"
            disabled={busy !== null}
            onChange={(e) => void choose(e)}
          />
        </label>
      </div>
      <p className="subtle backup-note">
        Import restores into an empty NoLapse only (a new profile or a new computer), so nothing
        here is ever overwritten.
      </p>

      {importError && (
        <p className="error backup-message" role="alert">
          {importError}
        </p>
      )}
      {chosen && (
        <div className="backup-confirm" role="group" aria-label="Restore this backup?">
          <p>
            <strong>{chosen.fileName}</strong>
            {chosen.contents.officeName ? ` of ${chosen.contents.officeName}` : ''}, made{' '}
            {when(chosen.contents.createdAt)}, holds {records(chosen.contents.total)}:{' '}
            {chosen.contents.described}.
          </p>
          <p className="subtle">Restore it into this device?</p>
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              disabled={busy !== null}
              onClick={() => void restore()}
            >
              {busy === 'restore' ? 'Restoring…' : 'Restore'}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              onClick={() => setChosen(null)}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {restored && (
        <p className="backup-restored" role="status">
          Restored {records(restored.total)}: {restored.described}
          {restored.journal > 0
            ? `; ${restored.journal} interrupted ${restored.journal === 1 ? 'operation' : 'operations'} will be finished by the refresh`
            : ''}
          .
        </p>
      )}
    </section>
  );
}
