import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { DERIVED_TEXT } from '../limits.js';
import { instant, keptByMigration, localDate, stringEnum, text } from './json-schema.js';

export const TASK_PRIORITIES = ['NORMAL', 'HIGH', 'URGENT'] as const;
export const TASK_STATUSES = ['OPEN', 'DONE'] as const;

/**
 * Work for a staff member. Version 1 bounds its text and dates (see shared/limits.ts); version 2
 * adds [status, assigneeId, dueDate] (records unchanged), so a person's open tasks are counted
 * in the index alone: the sidebar's count read every open task of the office without it.
 */
export const taskSchema = {
  title: 'task',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 200 },
    renewalId: { type: 'string', maxLength: 120 },
    customerId: { type: 'string', maxLength: 120 },
    assigneeId: { type: 'string', maxLength: 120 },
    priority: stringEnum(TASK_PRIORITIES),
    status: stringEnum(TASK_STATUSES, 4),
    title: text(DERIVED_TEXT.title),
    dueDate: localDate,
    createdAt: instant,
    updatedAt: instant,
    keptByMigration,
  },
  required: [
    'id',
    'renewalId',
    'customerId',
    'assigneeId',
    'priority',
    'status',
    'title',
    'dueDate',
    'createdAt',
    'updatedAt',
  ],
  indexes: [['status', 'dueDate'], 'renewalId', ['status', 'assigneeId', 'dueDate']],
} as const;

export type Task = ExtractDocumentTypeFromTypedRxJsonSchema<typeof taskSchema>;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
