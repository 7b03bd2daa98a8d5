// The shell's styles first (fields, buttons, cards), then the document's, then the page's own.
import '../styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SigningPage } from './SigningPage';
import { tokenOfPage } from './sign-api';

/**
 * The page a worker's signing link opens: no app, no local database, no sign-in. It shows the
 * one document the link is for and signs it through the office server.
 */
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SigningPage token={tokenOfPage(location)} />
  </StrictMode>,
);
