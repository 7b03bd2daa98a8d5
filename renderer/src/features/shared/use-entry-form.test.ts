import { describe, expect, it } from 'vitest';
import { keepTypedSince } from './use-entry-form';

type Form = { serviceType: string; dueDate: string; notes: string };

describe('keepTypedSince: the form after a save keeps what was typed while it ran', () => {
  const submitted: Form = { serviceType: 'RESIDENCE_PERMIT', dueDate: '2026-03-15', notes: 'a' };
  const emptied: Form = { serviceType: 'RESIDENCE_PERMIT', dueDate: '', notes: '' };

  it('empties the form when nothing changed during the save', () => {
    expect(keepTypedSince(submitted, { ...submitted }, emptied)).toEqual(emptied);
  });

  it('keeps the next entry begun during the save and empties the rest', () => {
    // The e2e flake this guards against: Work permit was chosen while the first save resolved,
    // and the reset put Residence permit back under the second due date.
    const typing: Form = { ...submitted, serviceType: 'WORK_PERMIT' };
    expect(keepTypedSince(submitted, typing, emptied)).toEqual({
      serviceType: 'WORK_PERMIT',
      dueDate: '',
      notes: '',
    });
  });

  it('keeps a field cleared by hand during the save, and takes the next form’s other values', () => {
    const cleared: Form = { ...submitted, notes: '' };
    const next: Form = { serviceType: 'WORK_PERMIT', dueDate: '', notes: 'kept?' };
    expect(keepTypedSince(submitted, cleared, next)).toEqual({
      serviceType: 'WORK_PERMIT',
      dueDate: '',
      notes: '',
    });
  });
});
