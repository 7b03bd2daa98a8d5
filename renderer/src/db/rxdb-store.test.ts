import { defineJobSuite } from '../../../shared/jobs/job-suite.test-support';
import { rxdbStores } from './rxdb.test-support';

defineJobSuite('RxDB on Dexie', rxdbStores);
