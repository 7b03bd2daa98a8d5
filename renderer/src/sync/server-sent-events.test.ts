import { describe, expect, it } from 'vitest';
import { serverSentEvents } from './server-sent-events';

describe('reading Server-Sent Events', () => {
  it('reads change events and skips heartbeat comments', () => {
    const reader = serverSentEvents();
    expect(
      reader.push(': connected\n\nevent: change\ndata: {"seq":12}\n\n: heartbeat\n\n'),
    ).toEqual([{ event: 'change', data: '{"seq":12}' }]);
  });

  it('puts events together from chunks cut anywhere, CRLF split included', () => {
    const text = 'event: change\r\ndata: {"seq":1}\r\n\r\nevent: change\r\ndata: {"seq":2}\r\n\r\n';
    for (let cut = 1; cut < text.length; cut++) {
      const reader = serverSentEvents();
      const events = [...reader.push(text.slice(0, cut)), ...reader.push(text.slice(cut))];
      expect(
        events.map((e) => e.data),
        `cut at ${cut}`,
      ).toEqual(['{"seq":1}', '{"seq":2}']);
    }
  });

  it('joins data lines, defaults the type to message, and ignores unknown fields', () => {
    const reader = serverSentEvents();
    expect(reader.push('id: 7\nretry: 100\ndata: a\ndata:b\n\nevent: only-type\n\n')).toEqual([
      { event: 'message', data: 'a\nb' },
    ]);
  });
});
