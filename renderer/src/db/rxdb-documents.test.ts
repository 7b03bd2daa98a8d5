import { defineDocumentSuite } from '../../../shared/jobs/document-suite.test-support';
import { rxdbStores } from './rxdb.test-support';

defineDocumentSuite('RxDB on Dexie', rxdbStores);
