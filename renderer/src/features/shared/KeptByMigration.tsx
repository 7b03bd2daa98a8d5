import type { KeptValue } from '../../../../shared/schema/fit-to-schema';
import './kept-by-migration.css';

/**
 * What an update of NoLapse had to change in a record so it fits today's limits (text too long
 * for its field, a date outside 1900-2199), with the value as it was, so nothing anyone entered
 * is lost and someone can put it right. Shows nothing for a record that needed no change.
 */
export function KeptByMigration({
  kept,
  what,
}: {
  kept: readonly KeptValue[] | undefined;
  what: string;
}) {
  if (!kept || kept.length === 0) return null;
  return (
    <details className="kept-by-migration" aria-label={`Kept from an earlier version of ${what}`}>
      <summary>
        An update changed {kept.length === 1 ? 'one value' : `${kept.length} values`} of {what} to
        fit its limits; the original {kept.length === 1 ? 'is' : 'are'} kept here.
      </summary>
      <dl>
        {kept.map((k, i) => (
          <div key={i}>
            <dt>
              {k.field}: <span className="subtle">{k.note}</span>
            </dt>
            <dd>
              <pre>{k.value}</pre>
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
