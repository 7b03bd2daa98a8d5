import { ipcMain } from 'electron';
import type { z } from 'zod';
import type { InvokeChannel } from '../shared/ipc';
import {
  createInvokeHandler,
  invokeArgumentSchemas,
  type InvokeArguments,
  type InvokeResult,
  type SenderCheck,
} from './ipc-validation';

export type InvokeHandlers = {
  [C in InvokeChannel]: (...args: InvokeArguments<C>) => InvokeResult<C> | Promise<InvokeResult<C>>;
};

/** Registers one validated handler for `channel`; see createInvokeHandler for the rules. */
export function handle<C extends InvokeChannel>(
  channel: C,
  schema: z.ZodType<InvokeArguments<C>>,
  handler: (...args: InvokeArguments<C>) => InvokeResult<C> | Promise<InvokeResult<C>>,
  senderRefusal: SenderCheck,
): void {
  ipcMain.removeHandler(channel);
  ipcMain.handle(channel, createInvokeHandler(channel, schema, handler, senderRefusal));
}

/** Registers every invoke channel of the contract; the type forces one handler per channel. */
export function registerIpcHandlers(handlers: InvokeHandlers, senderRefusal: SenderCheck): void {
  handle('info', invokeArgumentSchemas.info, handlers.info, senderRefusal);
  handle('notify', invokeArgumentSchemas.notify, handlers.notify, senderRefusal);
  handle('setBadge', invokeArgumentSchemas.setBadge, handlers.setBadge, senderRefusal);
  handle(
    'setDailyRefreshTime',
    invokeArgumentSchemas.setDailyRefreshTime,
    handlers.setDailyRefreshTime,
    senderRefusal,
  );
  handle(
    'setOfficeTimeZone',
    invokeArgumentSchemas.setOfficeTimeZone,
    handlers.setOfficeTimeZone,
    senderRefusal,
  );
  handle('postWebhook', invokeArgumentSchemas.postWebhook, handlers.postWebhook, senderRefusal);
  handle('wakeAt', invokeArgumentSchemas.wakeAt, handlers.wakeAt, senderRefusal);
  handle(
    'setJobRunning',
    invokeArgumentSchemas.setJobRunning,
    handlers.setJobRunning,
    senderRefusal,
  );
  handle(
    'writeDailyBackup',
    invokeArgumentSchemas.writeDailyBackup,
    handlers.writeDailyBackup,
    senderRefusal,
  );
  handle('backupStatus', invokeArgumentSchemas.backupStatus, handlers.backupStatus, senderRefusal);
  handle(
    'setBackupsKept',
    invokeArgumentSchemas.setBackupsKept,
    handlers.setBackupsKept,
    senderRefusal,
  );
}
