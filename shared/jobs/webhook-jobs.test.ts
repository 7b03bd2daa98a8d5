import { memoryStores } from './jobs.test-support.js';
import { defineWebhookSuite } from './webhook-suite.test-support.js';

defineWebhookSuite('the in-memory store', memoryStores);
