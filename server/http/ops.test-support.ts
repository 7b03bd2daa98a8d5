import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { z } from 'zod';
import { createOffice } from '../auth/offices.js';
import { configFrom } from '../config.js';
import { postgresForTest } from '../db/test-databases.test-support.js';
import { officeJobs } from '../jobs/office-jobs.js';
import { startServer, type RunningServer } from '../start.js';
import { opsApi } from './ops-routes.js';

/** Where a suite's server keeps its data: an embedded PGlite in a temp folder, or PostgreSQL. */
export type Target = {
  label: string;
  open(): Promise<{ env: Record<string, string>; drop(): Promise<void> }>;
};

export const TARGETS: readonly Target[] = [
  {
    label: 'PGlite',
    async open() {
      const dataDir = mkdtempSync(join(tmpdir(), 'nolapse-ops-'));
      return {
        env: { DATA_DIR: dataDir },
        drop: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    },
  },
  {
    label: 'PostgreSQL',
    async open() {
      // Migrated here; the server opens its own pool on the same database.
      const pg = await postgresForTest();
      return { env: { DATABASE_URL: pg.url }, drop: pg.drop };
    },
  },
];

/** The instant the server believes it is; tests move it. */
export class TestClock {
  /** When set, every reading moves the clock on this many milliseconds, as a real one does. */
  stepMs = 0;
  constructor(public at: string) {}
  readonly now = () => {
    const reading = this.at;
    if (this.stepMs) this.at = new Date(Date.parse(this.at) + this.stepMs).toISOString();
    return reading;
  };
  set(date: string, time = '09:00') {
    this.stepMs = 0;
    this.at = `${date}T${time}:00.000Z`;
  }
}

export type OpsServer = RunningServer & {
  clock: TestClock;
  call(path: string, init?: CallInit): Promise<Response>;
  /** A new office with staff Ayşe and Mehmet; its admin token. */
  office(name?: string, timeZone?: string): Promise<{ officeId: string; token: string }>;
};

export type CallInit = {
  method?: string;
  token?: string;
  /** Sent as JSON unless it is already a string. */
  body?: unknown;
  headers?: Record<string, string>;
};

/**
 * The real server (startServer, the ops extension) on an ephemeral port over real HTTP, with a
 * test clock. Its scheduler is stopped at once: offices are made after start, and a startup tick
 * at the machine's real date would fire stages the literal test dates do not expect.
 */
export async function startOps(
  env: Record<string, string>,
  clock = new TestClock('2026-03-01T09:00:00.000Z'),
): Promise<OpsServer> {
  const config = configFrom({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env });
  const server = await startServer(config, [opsApi({ now: clock.now })]);
  await server.jobs.stop();
  return {
    ...server,
    clock,
    call(path, init = {}) {
      const body =
        init.body === undefined
          ? undefined
          : typeof init.body === 'string'
            ? init.body
            : JSON.stringify(init.body);
      return fetch(`${server.url}${path}`, {
        method: init.method ?? (body === undefined ? 'GET' : 'POST'),
        headers: {
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
        body,
      });
    },
    async office(name = 'Ikamet Istanbul', timeZone = 'Europe/Istanbul') {
      const { officeId, adminToken } = await createOffice(server.db, { name, timeZone });
      const saved = await officeJobs(server.db, officeId).settings.saveOffice(
        '2026-01-01T00:00:00.000Z',
        {
          officeName: name,
          timeZone,
          dailyRefreshTime: '07:00',
          staff: [
            { id: 'ayse', name: 'Ayşe' },
            { id: 'mehmet', name: 'Mehmet' },
          ],
        },
      );
      expect(saved.ok).toBe(true);
      return { officeId, token: adminToken };
    },
  };
}

/** The JSON of an answer, after checking its status and that it matches the documented schema. */
export async function answer<S extends z.ZodType>(
  response: Response,
  status: number,
  schema: S,
): Promise<z.output<S>> {
  const text = await response.text();
  expect({ status: response.status, body: text }).toMatchObject({ status });
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(`The answer does not match its schema: ${parsed.error.message}\n${text}`);
  return parsed.data;
}

/** Counts of every table a request could write, to prove one wrote nothing. */
export async function writeCounts(server: RunningServer) {
  const { rows } = await server.db.query<{ what: string; n: number }>(
    `select collection as what, count(*)::int as n from docs group by collection
     union all select 'journal', count(*)::int from journal
     union all select 'seq', coalesce(max(seq), 0)::int from docs
     order by 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.what, r.n]));
}
