import { ipcMain } from 'electron';
import type { z } from 'zod';
import type { InvokeChannel } from '../shared/ipc';
import {
  createInvokeHandler,
  invokeArgumentSchemas,
  type InvokeArguments,
  type InvokeResult,
} from './ipc-validation';

export type InvokeHandlers = {
  [C in InvokeChannel]: (...args: InvokeArguments<C>) => InvokeResult<C> | Promise<InvokeResult<C>>;
};

/** Registers one validated handler for `channel`; see createInvokeHandler for the rules. */
export function handle<C extends InvokeChannel>(
  channel: C,
  schema: z.ZodType<InvokeArguments<C>>,
  handler: (...args: InvokeArguments<C>) => InvokeResult<C> | Promise<InvokeResult<C>>,
  isTrustedSender: (senderId: number) => boolean,
): void {
  ipcMain.removeHandler(channel);
  ipcMain.handle(channel, createInvokeHandler(channel, schema, handler, isTrustedSender));
}

/** Registers every invoke channel of the contract; the type forces one handler per channel. */
export function registerIpcHandlers(
  handlers: InvokeHandlers,
  isTrustedSender: (senderId: number) => boolean,
): void {
  handle('info', invokeArgumentSchemas.info, handlers.info, isTrustedSender);
  handle('notify', invokeArgumentSchemas.notify, handlers.notify, isTrustedSender);
  handle('setBadge', invokeArgumentSchemas.setBadge, handlers.setBadge, isTrustedSender);
  handle(
    'setDailyRefreshTime',
    invokeArgumentSchemas.setDailyRefreshTime,
    handlers.setDailyRefreshTime,
    isTrustedSender,
  );
  handle(
    'setOfficeTimeZone',
    invokeArgumentSchemas.setOfficeTimeZone,
    handlers.setOfficeTimeZone,
    isTrustedSender,
  );
  handle('postWebhook', invokeArgumentSchemas.postWebhook, handlers.postWebhook, isTrustedSender);
  handle('wakeAt', invokeArgumentSchemas.wakeAt, handlers.wakeAt, isTrustedSender);
}
