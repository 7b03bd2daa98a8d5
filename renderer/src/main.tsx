// The shell's styles first, so each feature's own CSS comes after them and may refine them.
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createData } from './db/data';
import { openDatabase } from './db/database';
import { rxdbStore } from './db/rxdb-store';
import { ServicesProvider } from './features/shared/services';
import { startJobHost } from './jobs/host';
import { getPlatform } from './platform';

async function start() {
  const root = createRoot(document.getElementById('root')!);
  try {
    const db = await openDatabase({ name: 'nolapse', validate: import.meta.env.DEV });
    const data = createData(db);
    const platform = getPlatform();
    // Built once, outside React: the scheduler's ticks run the jobs whatever screen is open.
    const host = startJobHost({ store: rxdbStore(db), data, platform });
    root.render(
      <StrictMode>
        <ServicesProvider
          services={{ data, jobs: host.jobs, platform, refresh: () => host.refresh() }}
        >
          <App />
        </ServicesProvider>
      </StrictMode>,
    );
  } catch (error) {
    root.render(
      <main className="fatal" role="alert">
        <h1>NoLapse could not open its data</h1>
        <p>{error instanceof Error ? error.message : String(error)}</p>
        <p>Close other NoLapse windows and reload. Your data has not been changed.</p>
      </main>,
    );
  }
}

void start();
