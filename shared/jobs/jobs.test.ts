import { defineAcknowledgeSuite } from './acknowledge-suite.test-support.js';
import { defineRenewalWorkSuite } from './renewal-work.test-support.js';
import { defineJobSuite } from './job-suite.test-support.js';
import { memoryFeedStores, memoryStores } from './jobs.test-support.js';

defineJobSuite('the in-memory store', memoryStores);
defineRenewalWorkSuite('the in-memory store', memoryStores);
defineAcknowledgeSuite('the in-memory store', memoryStores);

// Every rule again where the store has a change feed (as RxDB has): delivery reads the events
// written since its cursor instead of the look-back window, with the same results.
defineJobSuite('the in-memory store with a change feed', memoryFeedStores);
defineAcknowledgeSuite('the in-memory store with a change feed', memoryFeedStores);
