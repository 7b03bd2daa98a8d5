import type { DocumentInstance } from '../../../../shared/schema/document-instance';
import { STATUS_LOOK } from './status';

/** Every copy of one document for one worker, newest first; the open one is marked. */
export function RenewalChain({
  chain,
  current,
  linkTo,
}: {
  chain: readonly DocumentInstance[];
  current: string;
  linkTo(instanceId: string): string;
}) {
  return (
    <div className="card">
      <h2>Renewal chain</h2>
      <ol className="list doc-chain" aria-label="Renewal chain">
        {chain.map((i) => (
          <li key={i.id} aria-current={i.id === current ? 'true' : undefined}>
            <a href={`#${linkTo(i.id)}`}>
              <span className="worker-line">
                <strong>
                  {i.renewalNumber === 0 ? 'First signing' : `Renewal ${i.renewalNumber}`}
                </strong>
                <span className={STATUS_LOOK[i.status].className}>
                  {STATUS_LOOK[i.status].label}
                </span>
              </span>
              <span className="subtle">
                Version {i.templateVersion}
                {i.signedOn ? ` · signed ${i.signedOn}` : ''}
                {i.expiresOn ? ` · expires ${i.expiresOn}` : ''}
              </span>
            </a>
          </li>
        ))}
      </ol>
    </div>
  );
}
