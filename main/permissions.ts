import { originOf } from './app-protocol';

/**
 * The one permission the page uses: writing text to the clipboard (the Copy buttons for a
 * device token and a signing link). Notifications go through main, never the web API.
 */
export const ALLOWED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

/**
 * Whether the page at `requestingUrl` gets `permission`, for both Electron's permission
 * request handler and its check handler: only an allowed permission, only for our own origin.
 */
export function permissionAllowed(
  permission: string,
  requestingUrl: string,
  appOrigin: string,
): boolean {
  return ALLOWED_PERMISSIONS.includes(permission) && originOf(requestingUrl) === appOrigin;
}
