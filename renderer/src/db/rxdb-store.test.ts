import { defineAcknowledgeSuite } from '../../../shared/jobs/acknowledge-suite.test-support';
import { defineRenewalWorkSuite } from '../../../shared/jobs/renewal-work.test-support';
import { defineJobSuite } from '../../../shared/jobs/job-suite.test-support';
import { rxdbStores } from './rxdb.test-support';

defineJobSuite('RxDB on Dexie', rxdbStores);
defineRenewalWorkSuite('RxDB on Dexie', rxdbStores);
defineAcknowledgeSuite('RxDB on Dexie', rxdbStores);
