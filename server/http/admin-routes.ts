import { z } from 'zod';
import { createToken, listTokens, revokeToken } from '../auth/offices.js';
import type { RouteModule } from './app.js';
import { adminOf } from './app.js';
import { HttpError, notFound, parseOr400 } from './errors.js';
import { readOffice } from '../../shared/jobs/context.js';
import { officePorts } from '../jobs/office-jobs.js';

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
    if (body.staffId !== null) {
      const { staff } = await readOffice(officePorts(db, caller.officeId));
      if (!staff.some((member) => member.id === body.staffId))
        throw new HttpError(
          400,
          'invalid_request',
          `"${body.staffId}" is not on this office's staff; choose one of: ${staff.map((m) => `${m.id} (${m.name})`).join(', ')}.`,
          { staffId: 'Choose a staff member of this office.' },
        );
    }
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
