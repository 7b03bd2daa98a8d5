import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { feedFollower } from './feed-cache';

/** A catch-up that finishes when the test says so; `started` counts the ones begun. */
function gatedCatchUp() {
  const gates: (() => void)[] = [];
  const state = { started: 0 };
  const once = () =>
    new Promise<number>((resolve) => {
      state.started++;
      gates.push(() => resolve(1));
    });
  const release = async () => {
    // The catch-up begins after the follower's own awaits: wait until it is there.
    for (let i = 0; i < 50 && gates.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    gates.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { once, release, state };
}

/** A follower of a change stream the test fires, following from now. */
function following(
  catchUpOnce: () => Promise<number>,
  onFailure = (e: unknown): void => {
    throw e;
  },
) {
  const changes = new Subject<void>();
  const feed = feedFollower(changes, catchUpOnce);
  feed.follow(onFailure);
  return { changes, feed };
}

describe('feedFollower.caughtUp: the changes told before the call, not the ones after', () => {
  it('resolves after the catch-up that holds the changes told before it, while writes go on', async () => {
    const gate = gatedCatchUp();
    const { changes, feed } = following(gate.once);
    await gate.release(); // the follow's first catch-up
    expect(feed.current()).toBe(true);

    changes.next(); // a write: the cache is behind it
    expect(feed.current()).toBe(false);
    let caught = false;
    void feed.caughtUp().then(() => (caught = true));
    // Writes keep coming while the catch-up for the first one runs: catchUp() would wait for
    // every catch-up after them too; caughtUp() only for the one that began after the first.
    changes.next();
    // Its catch-up is asked for (after the follower's 50 ms of quiet) while the first one runs.
    await new Promise((r) => setTimeout(r, 60));
    await gate.release();
    expect(caught).toBe(true);
    expect(feed.current()).toBe(false);
    await gate.release(); // the second write's catch-up, which followed at once
    expect(feed.current()).toBe(true);
    feed.stop();
  });

  it('waits for a catch-up that began after the call when the running one began before a change', async () => {
    const gate = gatedCatchUp();
    const { changes, feed } = following(gate.once);
    await new Promise((r) => setTimeout(r, 10));
    expect(gate.state.started).toBe(1); // the first catch-up runs, not done
    changes.next(); // told during it: it may not hold this change
    let caught = false;
    void feed.caughtUp().then(() => (caught = true));
    await gate.release();
    expect(caught).toBe(false);
    await gate.release();
    expect(caught).toBe(true);
    feed.stop();
  });

  it('rejects its waiters when the catch-up fails, and resolves at once when current', async () => {
    let fail = false;
    const failures: unknown[] = [];
    const { changes, feed } = following(
      async () => {
        if (fail) throw new Error('storage closed');
        return 0;
      },
      (e) => void failures.push(e),
    );
    await new Promise((r) => setTimeout(r, 10));
    expect(feed.current()).toBe(true);
    await expect(feed.caughtUp()).resolves.toBeUndefined();
    fail = true;
    changes.next();
    await expect(feed.caughtUp()).rejects.toThrow('storage closed');
    feed.stop();
  });
});
