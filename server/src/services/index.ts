import audit from './audit';
import broadcasts from './broadcasts';
import consentLedger from './consent-ledger';
import dispatcher from './dispatcher';
import eventHandler from './event-handler';
import fieldEncryption from './field-encryption';
import graphClient from './graph-client';
import inbox from './inbox';
import keyRotation from './key-rotation';
import outbox from './outbox';
import pages from './pages';
import settings from './settings';
import subscriberDirectory from './subscriber-directory';
import subscribers from './subscribers';

export default {
  settings,
  fieldEncryption,
  inbox,
  eventHandler,
  subscribers,
  consentLedger,
  pages,
  broadcasts,
  dispatcher,
  graphClient,
  keyRotation,
  audit,
  subscriberDirectory,
  outbox,
};
