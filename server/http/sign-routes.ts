import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import rateLimit from '@fastify/rate-limit';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  signingValues,
  templateFieldsOnly,
  type SigningDone,
  type SigningLinkProblem,
  type SigningPageData,
} from '../../shared/documents/signing-link.js';
import { templateVersion } from '../../shared/documents/template.js';
import { readOffice } from '../../shared/jobs/context.js';
import { firstError, type FieldErrors } from '../../shared/result.js';
import type { DocumentInstance } from '../../shared/schema/document-instance.js';
import type { TemplateVersion } from '../../shared/schema/document-template.js';
import type { Worker } from '../../shared/schema/worker.js';
import { localDateIn, type Instant } from '../../shared/time/index.js';
import type { OfficeSettings } from '../../shared/office.js';
import type { Database } from '../db/database.js';
import { reminderSettingsOf } from '../reminders/settings.js';
import { officeJobs, officePorts } from '../jobs/office-jobs.js';
import {
  consumeSigningLink,
  createSigningLink,
  readSigningLink,
  releaseSigningLink,
  type StoredSigningLink,
} from '../signing/links.js';
import type { Extension } from '../start.js';
import { adminOf } from './app.js';
import { HttpError, notFound, parseOr400 } from './errors.js';

const ASK_FOR_A_NEW_LINK = 'Ask your office for a new link.';

/** "15 March 2026": the dates a worker reads on the page. */
function spelledOut(date: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

function linkProblem(status: 404 | 410, code: SigningLinkProblem, message: string) {
  return new HttpError(status, code, message);
}

const notALink = () =>
  linkProblem(
    404,
    'not_found',
    'This signing link is not valid. Check that you opened the whole link from the email; if it still does not work, ask your office for a new one.',
  );

/** The one document a link opens, with everything the page and the signature need. */
type Opened = {
  link: StoredSigningLink;
  office: OfficeSettings;
  instance: DocumentInstance;
  version: TemplateVersion;
  worker: Worker;
};

/**
 * What `token` opens at `at`, read only from the link's own office: its document, that
 * document's worker and template version, nothing else. 404 for a token that is no link; 410,
 * saying which, for a link used, expired, or whose document no longer waits for a signature.
 */
async function openLink(db: Database, token: string, at: Instant): Promise<Opened> {
  const found = await readSigningLink(db, token, at);
  if (found.state === 'unknown') throw notALink();
  const { link } = found;
  const ports = officePorts(db, link.officeId);
  const [office, instance, worker] = await Promise.all([
    readOffice(ports),
    ports.store.get('instances', link.instanceId),
    ports.store.get('workers', link.workerId),
  ]);
  const template = instance && (await ports.store.get('templates', instance.templateId));
  const version = template && templateVersion(template, instance.templateVersion);
  const signed = instance && instance.status !== 'required' && instance.status !== 'draft';
  if (found.state === 'used')
    throw linkProblem(
      410,
      'link_used',
      signed && version
        ? `This signing link has already been used: ${version.name} was signed${instance.signedOn ? ` on ${spelledOut(instance.signedOn)}` : ''}. Each link works once; if you need to sign again, ask your office for a new link.`
        : `This signing link has already been used, and the document is not signed. ${ASK_FOR_A_NEW_LINK}`,
    );
  if (!instance || !version || !worker || !worker.active || instance.workerId !== worker.id)
    throw linkProblem(
      410,
      'link_unavailable',
      `This document is no longer waiting for your signature. ${ASK_FOR_A_NEW_LINK}`,
    );
  if (signed)
    throw linkProblem(
      410,
      'already_signed',
      `${version.name} has already been signed${instance.signedOn ? ` (on ${spelledOut(instance.signedOn)})` : ''}; there is nothing left to do here. If that seems wrong, ask your office.`,
    );
  if (found.state === 'expired')
    throw linkProblem(
      410,
      'link_expired',
      `This signing link expired on ${spelledOut(localDateIn(link.expiresAt, office.timeZone))}. ${ASK_FOR_A_NEW_LINK}`,
    );
  return { link, office, instance, version, worker };
}

function pageData({ link, office, instance, version, worker }: Opened): SigningPageData {
  return {
    officeName: office.officeName,
    workerName: worker.fullName,
    document: {
      name: version.name,
      version: version.version,
      body: version.body,
      fields: version.fields.map(({ key, label, type, required }) => ({
        key,
        label,
        type,
        required,
      })),
    },
    values: signingValues(instance, version, worker.profile),
    expiresAt: link.expiresAt,
  };
}

const submission = z.strictObject({
  fields: z
    .record(z.string().max(64), z.string().max(2000, 'Shorten this field to 2000 characters.'))
    .refine((fields) => Object.keys(fields).length <= 200, 'Send at most 200 fields.'),
  typedName: z.string({ error: 'Type your full name to sign.' }).max(200),
  signature: z.string({ error: 'Draw your signature before signing.' }).max(1_000_000),
});

/** The job's refusal by the names the page sent: fields.<key>, typedName, signature, form. */
function submissionErrors(errors: FieldErrors): FieldErrors {
  const named: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    if (!message) continue;
    if (key.startsWith('data.')) named[`fields.${key.slice('data.'.length)}`] = message;
    else if (key === 'signatureName') named.typedName = message;
    else if (key === 'signatureImage') named.signature = message;
    else named[key] = message;
  }
  return named;
}

/**
 * Signs the link's document with the same job the app runs, then keeps the link used. The link
 * is claimed first (one atomic update), so of two submissions racing with it exactly one signs;
 * when the job refuses (a field left empty, the document changed meanwhile) the claim is given
 * back and the worker may correct and submit again.
 */
async function sign(
  db: Database,
  token: string,
  body: z.output<typeof submission>,
  at: Instant,
  log: FastifyBaseLogger,
): Promise<SigningDone> {
  const opened = await openLink(db, token, at);
  if (!(await consumeSigningLink(db, token, at))) {
    // Another submission claimed it meanwhile: say what the link is now.
    await openLink(db, token, at);
    throw linkProblem(
      410,
      'link_used',
      `This signing link has just been used. ${ASK_FOR_A_NEW_LINK}`,
    );
  }
  const { link, instance, version, office } = opened;
  const jobs = officeJobs(db, link.officeId, log);
  try {
    const open = await jobs.documents.open(at, instance.id);
    const signed = open.ok
      ? await jobs.documents.sign(at, instance.id, {
          data: templateFieldsOnly(version, body.fields),
          signatureName: body.typedName,
          signatureImage: body.signature,
        })
      : open;
    if (!signed.ok) {
      await releaseSigningLink(db, token, at);
      throw new HttpError(
        422,
        'refused',
        firstError(signed.errors),
        submissionErrors(signed.errors),
      );
    }
    return {
      officeName: office.officeName,
      documentName: version.name,
      signedBy: signed.value.signatureName ?? body.typedName.trim(),
      signedOn: signed.value.signedOn ?? localDateIn(at, office.timeZone),
      expiresOn: signed.value.expiresOn ?? null,
    };
  } catch (error) {
    if (!(error instanceof HttpError)) await releaseSigningLink(db, token, at);
    throw error;
  }
}

const linkRequest = z.strictObject({
  expiresAt: z.string().optional(),
});

function signingRoutes(
  app: FastifyInstance,
  { db, webDir, now }: { db: Database; webDir: string; now: () => Instant },
) {
  app.get<{ Params: { token: string } }>('/sign/:token', async (_request, reply) => {
    const page = await readFile(join(webDir, 'sign.html'), 'utf8').catch(() => null);
    if (page === null)
      return reply.status(503).send({
        error: 'web_app_not_built',
        message: `The signing page is not built in ${webDir}: run "npm run web:build", or set WEB_DIR.`,
      });
    return reply
      .header('cache-control', 'no-store')
      .header('x-robots-tag', 'noindex')
      .type('text/html; charset=utf-8')
      .send(page);
  });

  app.get<{ Params: { token: string } }>('/api/sign/:token', async (request, reply) => {
    const opened = await openLink(db, request.params.token, now());
    return reply.header('cache-control', 'no-store').send(pageData(opened));
  });

  app.post<{ Params: { token: string } }>('/api/sign/:token', async (request, reply) => {
    const body = parseOr400(submission, request.body ?? {}, 'signature');
    const done = await sign(db, request.params.token, body, now(), request.log);
    return reply.header('cache-control', 'no-store').send(done);
  });
}

/**
 * A worker's signing link (issue #10): `GET /sign/:token` serves the signing page (a second
 * entry of the web build), `GET /api/sign/:token` the one document it opens, pre-filled from the
 * worker's current profile, and `POST /api/sign/:token` signs it with the app's own signing job,
 * once. The link is the credential: no bearer token, rate-limited per address. An office
 * admin makes a link with `POST /admin/instances/:id/signing-link`. `now` is the clock (else the
 * server's).
 */
export function signingLinks(options: { now?: () => Instant } = {}): Extension {
  return ({ db, config, now: serverNow }) =>
    async (app) => {
      const now = options.now ?? serverNow ?? (() => new Date().toISOString());
      await app.register(async (scope) => {
        await scope.register(rateLimit, {
          max: config.rateLimitPerMinute,
          timeWindow: 60_000,
          keyGenerator: (request) => request.ip,
          errorResponseBuilder: (_request, limit) =>
            new HttpError(
              429,
              'rate_limited',
              `Too many requests from this address; try again in ${limit.after}.`,
            ),
        });
        signingRoutes(scope, { db, webDir: config.webDir, now });
      });

      app.post<{ Params: { id: string } }>(
        '/admin/instances/:id/signing-link',
        async (request, reply) => {
          const caller = adminOf(request);
          const body = parseOr400(linkRequest, request.body ?? {}, 'link request');
          if (!(await officePorts(db, caller.officeId).store.get('instances', request.params.id)))
            throw notFound('document');
          const made = await createSigningLink(db, {
            officeId: caller.officeId,
            instanceId: request.params.id,
            at: now(),
            // PUBLIC_URL, else the address the server listens on (as every emailed link).
            publicUrl: reminderSettingsOf(db).publicUrl,
            ...(body.expiresAt === undefined ? {} : { expiresAt: body.expiresAt }),
          });
          if (!made.ok) throw new HttpError(409, 'refused', firstError(made.errors));
          const { url, token, expiresAt, instanceId } = made.value;
          return reply.status(201).send({ url, token, expiresAt, instanceId });
        },
      );
    };
}
