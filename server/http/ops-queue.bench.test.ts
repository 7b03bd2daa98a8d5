import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { queueOut } from './ops-schemas.js';
import { answer, startOps, TARGETS, type OpsServer } from './ops.test-support.js';

/**
 * GET /ops/renewals?window=90 over 100k renewals, over real HTTP: run with
 * `NOLAPSE_OPS_BENCH=1 npx vitest run server/http/ops-queue.bench.test.ts`. It prints the median
 * (no timing is asserted: machines differ) and checks that every query of the request reads by
 * index, which is what keeps the median flat as an office grows.
 *
 * The data follows bench/README.md: 2,000 customers, 5 staff, 6 service types, due dates
 * uniform over -60..+730 days from 2026-11-23, already refreshed (past ones OVERDUE).
 */
const SIZE = Number(process.env.NOLAPSE_OPS_BENCH_SIZE ?? 100_000);
const RUNS = 41;

async function seed(db: Database, officeId: string, size: number) {
  await db.query(
    `insert into docs (office_id, collection, id, data)
     select $1, 'customers', 'cus_' || lpad(c::text, 5, '0'),
       jsonb_build_object('id', 'cus_' || lpad(c::text, 5, '0'), 'name', 'Customer ' || c,
         'assigneeId', 'staff' || (c % 5), 'permits', '[]'::jsonb,
         'createdAt', '2026-01-01T00:00:00.000Z', 'updatedAt', '2026-01-01T00:00:00.000Z')
     from generate_series(1, 2000) c`,
    [officeId],
  );
  await db.query(
    `insert into docs (office_id, collection, id, data)
     select $1, 'renewals', id, jsonb_build_object('id', id,
         'customerId', 'cus_' || lpad((1 + g % 2000)::text, 5, '0'),
         'serviceType', (array['RESIDENCE_PERMIT', 'WORK_PERMIT', 'INSURANCE_POLICY', 'DOCUMENT',
           'VISA_EXTENSION', 'TAX_FILING'])[1 + g % 6],
         'dueDate', to_char(date '2026-11-23' + offset_days, 'YYYY-MM-DD'),
         'status', case when offset_days < 0 then 'OVERDUE' else 'ACTIVE' end,
         'stage', null, 'nextStageOn', '2027-01-01', 'assigneeId', 'staff' || (g % 5),
         'notes', 'Renewal ' || g, 'complianceFlag', offset_days < 0,
         'createdAt', '2026-01-01T00:00:00.000Z', 'updatedAt', '2026-01-01T00:00:00.000Z')
     from (select g, 'ren_' || lpad(g::text, 7, '0') as id, (g * 7919) % 791 - 60 as offset_days
           from generate_series(1, $2::int) g) r`,
    [officeId, size],
  );
  await db.query('analyze');
}

describe.runIf(process.env.NOLAPSE_OPS_BENCH).each(TARGETS)(
  'GET /ops/renewals?window=90 over 100k renewals on $label',
  (target) => {
    let server: OpsServer;
    let drop: () => Promise<void>;
    let token: string;
    beforeAll(async () => {
      const opened = await target.open();
      drop = opened.drop;
      server = await startOps(opened.env);
      server.clock.set('2026-11-23');
      const office = await server.office();
      token = office.token;
      const started = performance.now();
      await seed(server.db, office.officeId, SIZE);
      console.log(
        `${target.label}: seeded ${SIZE} in ${Math.round(performance.now() - started)} ms`,
      );
    }, 600_000);
    afterAll(async () => {
      await server?.close();
      await drop?.();
    });

    it('answers from indexes; prints the median', async () => {
      const get = () => server.call('/ops/renewals?window=90', { token });
      const first = await answer(await get(), 200, queueOut);
      expect(first.items).toHaveLength(100);
      expect(first.counts.later + first.counts.overdue).toBeGreaterThan(SIZE / 2);

      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        const response = await get();
        await response.arrayBuffer();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(RUNS / 2)]!;
      console.log(
        `${target.label}: GET /ops/renewals?window=90 over ${SIZE}: median ${median.toFixed(1)} ms, p90 ${times[Math.floor(RUNS * 0.9)]!.toFixed(1)} ms, total ${first.total}`,
      );

      // Every query the request makes, explained with its own parameters.
      const queries: { sql: string; params: readonly unknown[] }[] = [];
      const query = server.db.query;
      server.db.query = (sql, params) => {
        queries.push({ sql, params: params ?? [] });
        return query.call(server.db, sql, params) as never;
      };
      try {
        await get();
      } finally {
        server.db.query = query;
      }
      const plans: string[] = [];
      for (const { sql, params } of queries) {
        const { rows } = await server.db.query(`explain analyze ${sql}`, params);
        const plan = rows.map((r) => String(Object.values(r)[0])).join('\n');
        plans.push(plan);
        expect(plan, sql).not.toMatch(/Seq Scan on docs/);
      }
      if (process.env.NOLAPSE_OPS_BENCH_PLANS) console.log(plans.join('\n\n'));
      const all = plans.join('\n');
      // The page by the index; the counts from the per-day counts, never from the renewals.
      expect(all).toMatch(/Index Scan using docs_renewals_status_due/);
      expect(all).toMatch(/on renewal_day_counts/);
    }, 600_000);
  },
);
