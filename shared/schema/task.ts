import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { stringEnum } from './json-schema.js';

export const TASK_PRIORITIES = ['NORMAL', 'HIGH', 'URGENT'] as const;
export const TASK_STATUSES = ['OPEN', 'DONE'] as const;

export const taskSchema = {
  title: 'task',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 200 },
    renewalId: { type: 'string', maxLength: 120 },
    customerId: { type: 'string', maxLength: 120 },
    assigneeId: { type: 'string', maxLength: 120 },
    priority: stringEnum(TASK_PRIORITIES),
    status: stringEnum(TASK_STATUSES, 4),
    title: { type: 'string' },
    dueDate: { type: 'string', maxLength: 10 },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
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
  indexes: [['status', 'dueDate'], 'renewalId'],
} as const;

export type Task = ExtractDocumentTypeFromTypedRxJsonSchema<typeof taskSchema>;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
