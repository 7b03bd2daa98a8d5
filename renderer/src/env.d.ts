/** Which platform adapter the build carries: set by electron.vite.config.ts and vite.web.config.ts. */
declare const __NOLAPSE_PLATFORM__: 'electron' | 'web';
