import { describe, expect, it } from 'vitest';
import { EventRelay } from './event-relay';

const now = (task: () => void) => task();

describe('event relay', () => {
  it('delivers events to every subscribed listener', () => {
    const relay = new EventRelay<string>({ defer: now });
    const seen: string[] = [];
    relay.subscribe((route) => seen.push(`a ${route}`));
    relay.subscribe((route) => seen.push(`b ${route}`));
    relay.emit('/renewals/ren_1');
    expect(seen).toEqual(['a /renewals/ren_1', 'b /renewals/ren_1']);
  });

  it('replays events sent before anyone subscribed to the first listener', () => {
    const relay = new EventRelay<string>({ defer: now });
    relay.emit('startup');
    const seen: string[] = [];
    relay.subscribe((reason) => seen.push(reason));
    relay.subscribe((reason) => seen.push(`late ${reason}`));
    expect(seen).toEqual(['startup']);
  });

  it('keeps only the latest events up to its capacity', () => {
    const relay = new EventRelay<number>({ capacity: 1, defer: now });
    relay.emit(1);
    relay.emit(2);
    const seen: number[] = [];
    relay.subscribe((n) => seen.push(n));
    expect(seen).toEqual([2]);
  });

  it('stops delivering after unsubscribe', () => {
    const relay = new EventRelay<number>({ defer: now });
    const seen: number[] = [];
    const unsubscribe = relay.subscribe((n) => seen.push(n));
    unsubscribe();
    relay.emit(1);
    expect(seen).toEqual([]);
  });

  it('replays after subscribe returns, so the listener can already unsubscribe', async () => {
    const relay = new EventRelay<number>();
    relay.emit(1);
    const seen: number[] = [];
    relay.subscribe((n) => seen.push(n));
    expect(seen).toEqual([]);
    await Promise.resolve();
    expect(seen).toEqual([1]);
  });
});
