import { memoryStores } from './jobs.test-support.js';
import { definePolicySuite } from './policy-suite.test-support.js';

definePolicySuite('the in-memory store', memoryStores);
