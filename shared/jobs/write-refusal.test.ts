import { describe, expect, it } from 'vitest';
import type { DocumentInstance } from '../schema/document-instance.js';
import { createMemoryStore } from './memory-store.js';
import { RefusedWrite, writeRefusal } from './store.js';

const T0 = '2026-02-15T09:00:00.000Z';
const signed: DocumentInstance = {
  id: 'doc:tpl_nda:wrk_1',
  templateId: 'tpl_nda',
  templateVersion: 1,
  workerId: 'wrk_1',
  status: 'completed',
  data: { name: 'Maria Lopez' },
  signatureName: 'Maria Lopez',
  signedAt: T0,
  signedOn: '2026-02-15',
  expiresOn: '2027-02-15',
  contentHash: 'a'.repeat(64),
  renewalNumber: 0,
  createdAt: T0,
  updatedAt: T0,
};

describe('writeRefusal', () => {
  it('refuses changing what a signed document holds, and allows archiving it', () => {
    expect(writeRefusal('instances', signed, { ...signed, signatureName: 'Someone' })).toBe(
      'Document doc:tpl_nda:wrk_1 is signed and can never change (attempted: signatureName).',
    );
    expect(
      writeRefusal('instances', signed, {
        ...signed,
        status: 'expired',
        archivedAt: '2027-02-15T06:00:00.000Z',
        updatedAt: '2027-02-15T06:00:00.000Z',
      }),
    ).toBeNull();
  });

  it('leaves other collections to their own revision checks', () => {
    const worker = {
      id: 'wrk_1',
      fullName: 'Maria Lopez',
      active: true,
      profile: {},
      placements: [],
      createdAt: T0,
      updatedAt: T0,
    };
    expect(writeRefusal('workers', worker, { ...worker, fullName: 'Maria King' })).toBeNull();
  });

  it('makes the memory store refuse the whole bulk before writing any of it', async () => {
    const store = createMemoryStore();
    const draft: DocumentInstance = { ...signed, id: 'doc:other', status: 'draft' };
    await store.insert('instances', [signed, draft]);
    const write = store.update('instances', [
      { before: draft, after: { ...draft, data: { name: 'Changed' } } },
      { before: signed, after: { ...signed, data: {} } },
    ]);
    await expect(write).rejects.toBeInstanceOf(RefusedWrite);
    expect(store.all('instances')).toEqual([draft, signed]);
  });
});
