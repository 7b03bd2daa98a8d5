import { definePolicySuite } from '../../../shared/jobs/policy-suite.test-support';
import { rxdbStores } from './rxdb.test-support';

definePolicySuite('RxDB on Dexie', rxdbStores);
