import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ServicesProvider } from './app/services';
import { openDatabase } from './db/database';
import { localData } from './db/local-data';
import { createEngine } from './engine/engine';
import { getPlatform } from './platform';
import { useUi } from './store/ui-store';
import './styles.css';

function newId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

async function start() {
  const root = createRoot(document.getElementById('root')!);
  try {
    const db = await openDatabase({ name: 'nolapse', validate: import.meta.env.DEV });
    const data = localData(db);
    const platform = getPlatform();
    const engine = createEngine({
      data,
      platform,
      clock: { now: () => new Date().toISOString() },
      newId,
      systemTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      paused: () => {
        const until = useUi.getState().pausedUntil;
        return until !== null && until > new Date().toISOString();
      },
    });
    root.render(
      <StrictMode>
        <ServicesProvider services={{ data, engine, platform }}>
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
