import { defineJobSuite } from './job-suite.test-support.js';
import { memoryStores } from './jobs.test-support.js';

defineJobSuite('the in-memory store', memoryStores);
