import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { OfficeStreamChange, StreamChange } from '../../shared/sync/protocol.js';
import { CHANGES_CHANNEL, type Database } from '../db/database.js';
import { latestSeq } from './sync-records.js';

type Key = `${string} ${string}`;

/**
 * The live side of sync on one server instance: it listens once on CHANGES_CHANNEL (every
 * instance on the database hears every committed write, as '<officeId> <collection>') and
 * tells the streams of that office and collection the latest sequence number, so each device
 * pulls. It sends a comment to every stream each heartbeat, and ends every stream when the
 * server closes so a graceful shutdown is not held up by open connections.
 */
export function changeHub(db: Database, options: { heartbeatMs: number; log: FastifyBaseLogger }) {
  const streams = new Map<Key, Set<ServerResponse>>();
  /** Streams of every collection of an office (GET /sync/stream), by office. */
  const officeStreams = new Map<string, Set<ServerResponse>>();
  const officeOf = (key: Key) => key.slice(0, key.indexOf(' '));
  const wanted = (key: Key) => streams.has(key) || officeStreams.has(officeOf(key));
  /** Per key: a lookup under way, and whether another change arrived during it. */
  const lookups = new Map<Key, { again: boolean }>();
  let unlisten: (() => Promise<void>) | null = null;
  let closed = false;

  function write(response: ServerResponse, text: string) {
    if (!response.writableEnded && !response.destroyed) response.write(text);
  }

  /** One lookup at a time per key: a burst of writes becomes one or two events, never a pile. */
  async function announce(key: Key) {
    const running = lookups.get(key);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: true };
    lookups.set(key, state);
    const [officeId, collection] = key.split(' ') as [string, string];
    try {
      while (state.again && !closed && wanted(key)) {
        state.again = false;
        const change: StreamChange = { seq: await latestSeq(db, officeId, collection) };
        const event = `event: change\ndata: ${JSON.stringify(change)}\n\n`;
        for (const response of streams.get(key) ?? []) write(response, event);
        const named: OfficeStreamChange = { collection, ...change };
        const officeEvent = `event: change\ndata: ${JSON.stringify(named)}\n\n`;
        for (const response of officeStreams.get(officeId) ?? []) write(response, officeEvent);
      }
    } catch (error) {
      if (!closed) options.log.error({ err: error, officeId, collection }, 'sync stream lookup');
    } finally {
      lookups.delete(key);
    }
  }

  const heartbeat = setInterval(() => {
    for (const set of [...streams.values(), ...officeStreams.values()])
      for (const response of set) write(response, ': heartbeat\n\n');
  }, options.heartbeatMs);
  heartbeat.unref();

  return {
    async start() {
      unlisten = await db.listen(CHANGES_CHANNEL, (payload) => {
        const key = payload as Key;
        if (wanted(key)) void announce(key);
      });
    },

    get closed() {
      return closed;
    },

    /**
     * Adds an open stream of one collection, or of every collection of the office when
     * `collection` is null; it is removed when its connection closes.
     */
    add(officeId: string, collection: string | null, response: ServerResponse) {
      const map: Map<string, Set<ServerResponse>> = collection === null ? officeStreams : streams;
      const key = collection === null ? officeId : `${officeId} ${collection}`;
      const set = map.get(key) ?? new Set();
      set.add(response);
      map.set(key, set);
      response.once('close', () => {
        set.delete(response);
        if (set.size === 0 && map.get(key) === set) map.delete(key);
      });
    },

    /** How many streams are open: what a test or a health probe can watch. */
    get size() {
      let count = 0;
      for (const set of [...streams.values(), ...officeStreams.values()]) count += set.size;
      return count;
    },

    /** Stops listening and ends every stream; devices reconnect to another instance or later. */
    async close() {
      closed = true;
      clearInterval(heartbeat);
      for (const set of [...streams.values(), ...officeStreams.values()])
        for (const response of set) response.end();
      streams.clear();
      officeStreams.clear();
      await unlisten?.();
    },
  };
}

export type ChangeHub = ReturnType<typeof changeHub>;
