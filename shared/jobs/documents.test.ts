import { defineDocumentSuite } from './document-suite.test-support.js';
import { memoryStores } from './jobs.test-support.js';

defineDocumentSuite('the in-memory store', memoryStores);
