import { z } from 'zod';
import { createToken, listTokens, revokeToken } from '../auth/offices.js';
import type { RouteModule } from './app.js';
import { adminOf } from './app.js';
import { notFound, parseOr400 } from './errors.js';

const newTokenBody = z.strictObject({
  role: z
    .enum(['admin', 'staff'], {
      error: 'Choose the role: "staff" for a device, "admin" to manage the office.',
    })
    .default('staff'),
  staffId: z.string().trim().min(1).max(120).nullable().default(null),
  label: z
    .string({ error: 'Name the device, e.g. "Front desk PC".' })
    .trim()
    .min(1, 'Name the device, e.g. "Front desk PC".')
    .max(120, 'Shorten the label to 120 characters.'),
});

/** Office admins create device tokens for staff, list them and revoke them. */
export const adminRoutes: RouteModule = (app, db) => {
  app.post('/admin/tokens', async (request, reply) => {
    const caller = adminOf(request);
    const body = parseOr400(newTokenBody, request.body ?? {}, 'token request');
    const { id, token } = await createToken(db, caller.officeId, body);
    return reply.status(201).send({ id, token, ...body });
  });
  app.get('/admin/tokens', async (request) => ({
    items: await listTokens(db, adminOf(request).officeId),
  }));
  app.delete<{ Params: { id: string } }>('/admin/tokens/:id', async (request, reply) => {
    const caller = adminOf(request);
    if (!(await revokeToken(db, caller.officeId, request.params.id))) throw notFound('token');
    return reply.status(204).send();
  });
};
