import type {
  SigningDone,
  SigningLinkProblem,
  SigningPageData,
  SigningSubmission,
} from '../../../shared/documents/signing-link';

/** Why the page cannot go on: the server's code and message, or no answer at all. */
export type LinkProblem = {
  code: SigningLinkProblem | 'refused' | 'unreachable' | 'failed';
  message: string;
  /** Per field of the submission: fields.<key>, typedName, signature, form. */
  fields?: Record<string, string>;
};

export type Answer<T> = { ok: true; value: T } | { ok: false; problem: LinkProblem };

/** The token of the link this page was opened with: the last part of /sign/<token>. */
export function tokenOfPage(location: Pick<Location, 'pathname'>): string {
  const match = /\/sign\/([^/]+)\/?$/.exec(location.pathname);
  return match ? decodeURIComponent(match[1]!) : '';
}

/**
 * The API beside the page, so a server behind a path prefix still answers. A page opened
 * without a token asks for '-', which the server answers as it answers any link that is none.
 */
function apiUrl(token: string): string {
  const at = location.pathname.lastIndexOf('/sign/');
  const prefix = at >= 0 ? location.pathname.slice(0, at) : '';
  return `${location.origin}${prefix}/api/sign/${encodeURIComponent(token || '-')}`;
}

async function call<T>(token: string, init: RequestInit = {}): Promise<Answer<T>> {
  let response: Response;
  try {
    response = await fetch(apiUrl(token), { ...init, cache: 'no-store', credentials: 'omit' });
  } catch {
    return {
      ok: false,
      problem: {
        code: 'unreachable',
        message:
          'Could not reach your office’s server. Check your internet connection and try again.',
      },
    };
  }
  const body = (await response.json().catch(() => null)) as
    (T & { error?: string; message?: string; fields?: Record<string, string> }) | null;
  if (response.ok && body) return { ok: true, value: body };
  return {
    ok: false,
    problem: {
      code: (body?.error as LinkProblem['code'] | undefined) ?? 'failed',
      message:
        body?.message ??
        `The server answered ${response.status}; try again in a moment, or ask your office.`,
      ...(body?.fields ? { fields: body.fields } : {}),
    },
  };
}

/** The document the link opens, filled from the worker's profile. */
export const loadDocument = (token: string) => call<SigningPageData>(token);

/** Signs it; the link is then used up. */
export const submitSignature = (token: string, submission: SigningSubmission) =>
  call<SigningDone>(token, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(submission),
  });
