import auditEvent from './audit-event';
import broadcast from './broadcast';
import consent from './consent';
import delivery from './delivery';
import outboxMessage from './outbox-message';
import subscriber from './subscriber';
import webhookEvent from './webhook-event';
import webhookReceipt from './webhook-receipt';

export default {
  subscriber,
  consent,
  'webhook-receipt': webhookReceipt,
  'webhook-event': webhookEvent,
  broadcast,
  delivery,
  'audit-event': auditEvent,
  'outbox-message': outboxMessage,
};
