import { defineJobSuite } from '../../../shared/jobs/job-suite.test-support';
import { rxdbStores } from './test-support';

defineJobSuite('RxDB on Dexie', rxdbStores);
