/** One Server-Sent Event: its type ('message' when it names none) and its data lines joined. */
export type ServerSentEvent = { event: string; data: string };

/**
 * Reads a Server-Sent Events stream as its text arrives, in chunks cut anywhere: `push` returns
 * the events the chunk completed. Comment lines (heartbeats) and fields other than `event` and
 * `data` are skipped, as the HTML standard's parser skips them; lines end in LF, CRLF or CR.
 */
export function serverSentEvents() {
  let buffer = '';
  let event = '';
  let data: string[] = [];

  function line(text: string, out: ServerSentEvent[]) {
    if (text === '') {
      if (data.length > 0) out.push({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }

  return {
    push(chunk: string): ServerSentEvent[] {
      buffer += chunk;
      const out: ServerSentEvent[] = [];
      for (;;) {
        const end = buffer.search(/\r\n|\r|\n/);
        if (end < 0) break;
        // A CR at the very end may be the first half of a CRLF still on its way.
        if (buffer[end] === '\r' && end === buffer.length - 1) break;
        const width = buffer.startsWith('\r\n', end) ? 2 : 1;
        line(buffer.slice(0, end), out);
        buffer = buffer.slice(end + width);
      }
      return out;
    },
  };
}
