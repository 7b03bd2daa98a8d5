import { defineDocumentSuite } from './document-suite.test-support.js';
import { memoryFeedStores } from './jobs.test-support.js';

defineDocumentSuite('the in-memory store with a change feed', memoryFeedStores);
