import { defineAcknowledgeSuite } from './acknowledge-suite.test-support.js';
import { defineRenewalWorkSuite } from './renewal-work.test-support.js';
import { defineJobSuite } from './job-suite.test-support.js';
import { memoryStores } from './jobs.test-support.js';

defineJobSuite('the in-memory store', memoryStores);
defineRenewalWorkSuite('the in-memory store', memoryStores);
defineAcknowledgeSuite('the in-memory store', memoryStores);
