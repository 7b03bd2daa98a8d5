import type { Notice } from '../../shared/notice.js';

/**
 * The words of NoLapse's emails and chat messages: plain text and HTML bodies, each with a
 * link to what it is about and a link to change or stop these messages.
 */

export type Message = { subject: string; text: string; html: string };

/** Where a staff member opens a notice: the office's web app at the notice's route. */
export function appLink(publicUrl: string, route: string): string {
  return `${publicUrl}/#${route}`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const HTML_STYLE =
  'font-family: -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif; color: #1f2933; line-height: 1.5; max-width: 560px';
const BUTTON_STYLE =
  'display: inline-block; background: #2457d6; color: #ffffff; padding: 10px 18px; border-radius: 6px; text-decoration: none; font-weight: 600';
const FOOTER_STYLE = 'color: #6b7785; font-size: 12px; margin-top: 28px';

function htmlPage(parts: string[], footer: string): string {
  return `<!doctype html><html><body><div style="${HTML_STYLE}">${parts.join('')}<p style="${FOOTER_STYLE}">${footer}</p></div></body></html>`;
}

function footerText(officeName: string, why: string, unsubscribeUrl: string): string {
  return `${why} Change how NoLapse reminds you, or stop these emails: ${unsubscribeUrl}\n${officeName}`;
}

function footerHtml(officeName: string, why: string, unsubscribeUrl: string): string {
  return `${escapeHtml(why)} <a href="${escapeHtml(unsubscribeUrl)}">Change how NoLapse reminds you, or stop these emails</a>.<br>${escapeHtml(officeName)}`;
}

const STAFF_WHY = (office: string) =>
  `You get this because you are on ${office}’s staff in NoLapse.`;

/** One reminder to a staff member, as it happens. */
export function staffReminder(input: {
  notice: Pick<Notice, 'title' | 'body' | 'route'>;
  officeName: string;
  publicUrl: string;
  unsubscribeUrl: string;
}): Message {
  const { notice, officeName, publicUrl, unsubscribeUrl } = input;
  const link = appLink(publicUrl, notice.route);
  const why = STAFF_WHY(officeName);
  return {
    subject: notice.title,
    text: `${notice.body}\n\nOpen it in NoLapse: ${link}\n\n-- \n${footerText(officeName, why, unsubscribeUrl)}\n`,
    html: htmlPage(
      [
        `<h2 style="font-size: 18px">${escapeHtml(notice.title)}</h2>`,
        `<p>${escapeHtml(notice.body)}</p>`,
        `<p><a style="${BUTTON_STYLE}" href="${escapeHtml(link)}">Open in NoLapse</a></p>`,
      ],
      footerHtml(officeName, why, unsubscribeUrl),
    ),
  };
}

/** The reminders that waited for a staff member's daily or weekly digest, in one email. */
export function staffDigest(input: {
  items: readonly Pick<Notice, 'title' | 'body' | 'route'>[];
  weekly: boolean;
  officeName: string;
  publicUrl: string;
  unsubscribeUrl: string;
}): Message {
  const { items, officeName, publicUrl, unsubscribeUrl } = input;
  const count = items.length === 1 ? '1 reminder' : `${items.length} reminders`;
  const subject = `${input.weekly ? 'Your weekly' : 'Your daily'} NoLapse digest: ${count}`;
  const why = STAFF_WHY(officeName);
  const lines = items.map(
    (item) => `- ${item.title}\n  ${item.body}\n  ${appLink(publicUrl, item.route)}`,
  );
  return {
    subject,
    text: `${subject}\n\n${lines.join('\n\n')}\n\nEverything in NoLapse: ${appLink(publicUrl, '/queue')}\n\n-- \n${footerText(officeName, why, unsubscribeUrl)}\n`,
    html: htmlPage(
      [
        `<h2 style="font-size: 18px">${escapeHtml(subject)}</h2>`,
        '<ul style="padding-left: 18px">',
        ...items.map(
          (item) =>
            `<li style="margin-bottom: 10px"><a href="${escapeHtml(appLink(publicUrl, item.route))}"><strong>${escapeHtml(item.title)}</strong></a><br>${escapeHtml(item.body)}</li>`,
        ),
        '</ul>',
        `<p><a style="${BUTTON_STYLE}" href="${escapeHtml(appLink(publicUrl, '/queue'))}">Open the renewals queue</a></p>`,
      ],
      footerHtml(officeName, why, unsubscribeUrl),
    ),
  };
}

/**
 * A worker's own reminder, in the seed's words ("Your W-9 expires in 7 days. Renew now to
 * avoid disruption."), with the link that lets them sign without the office app.
 */
export function workerReminder(input: {
  workerName: string;
  body: string;
  signingUrl: string | null;
  linkExpiresOn: string | null;
  officeName: string;
  unsubscribeUrl: string;
}): Message {
  const { workerName, body, signingUrl, linkExpiresOn, officeName, unsubscribeUrl } = input;
  const subject = (body.split(/(?<=\.)\s/)[0] ?? body).replace(/\.$/, '');
  const why = `You get this because ${officeName} keeps your documents in NoLapse.`;
  const until = linkExpiresOn ? ` It works once, until ${linkExpiresOn}.` : '';
  const signText = signingUrl
    ? `Review and sign it here: ${signingUrl}\n(This link is only for you.${until})`
    : `Please contact ${officeName} to sign it.`;
  return {
    subject,
    text: `Hello ${workerName},\n\n${body}\n\n${signText}\n\n-- \n${footerText(officeName, why, unsubscribeUrl)}\n`,
    html: htmlPage(
      [
        `<p>Hello ${escapeHtml(workerName)},</p>`,
        `<p style="font-size: 16px"><strong>${escapeHtml(body)}</strong></p>`,
        signingUrl
          ? `<p><a style="${BUTTON_STYLE}" href="${escapeHtml(signingUrl)}">Review and sign</a></p><p style="color: #6b7785; font-size: 13px">This link is only for you.${escapeHtml(until)}</p>`
          : `<p>Please contact ${escapeHtml(officeName)} to sign it.</p>`,
      ],
      footerHtml(officeName, why, unsubscribeUrl),
    ),
  };
}

/** A reminder or digest as a Slack- or Teams-style incoming-webhook message: `{"text": …}`. */
export function chatMessage(
  items: readonly Pick<Notice, 'title' | 'route'>[],
  publicUrl: string,
  heading?: string,
): string {
  const lines = items.map((item) => `• ${item.title} — ${appLink(publicUrl, item.route)}`);
  return JSON.stringify({ text: [heading, ...lines].filter(Boolean).join('\n') });
}
