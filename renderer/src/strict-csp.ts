import { z } from 'zod';

// The app's CSP forbids eval. zod probes for it (`new Function('')`, caught) when it builds its
// first object schema, and Chromium reports that probe as a CSP violation: tell zod, before any
// schema exists, to compile nothing. Imported first by main.tsx.
z.config({ jitless: true });
