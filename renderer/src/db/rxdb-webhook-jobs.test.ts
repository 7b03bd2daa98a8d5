import { defineWebhookSuite } from '../../../shared/jobs/webhook-suite.test-support';
import { rxdbStores } from './rxdb.test-support';

defineWebhookSuite('RxDB on Dexie', rxdbStores);
