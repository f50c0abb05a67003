// Messaging: the outbox (email and SMS about sessions), its transports, one template per message
// kind, and the reminders (with their queue). Other modules queue messages here, inside their own transaction.
export { messagesFor, type MessageOptions, NEW_MESSAGE_NOTICE_EVERY_MS, queueContactChangedNotice, queueNewMessageNotices, queueSessionMessages, sessionMessagesWrite } from './enqueue';
export { carriesJoinLink } from './templates/render';
export { loadMessageContext, type MessageContext, newSessionMessageContext, newSessionNamesQuery } from './context';
export { loadOutboxLinkSecret, outboxJoinToken, withJoinLink } from './join-link';
export { withEmailLogo } from './email-logo';
export { withPasswordLink } from './password-link';
export { outboxOneTimeCode, withOneTimeCode } from './one-time-code';
export { type QueuedCode, queueVerificationCode } from './verification-messages';
export { sendPasswordLink } from './staff-messages';
export { type ClaimedMessage, claimDueMessages, dropQueuedMessages, insertMessages, recordInterruptedAttempt, recordOutcome } from './outbox-repo';
export { type DeliveryBacklog, deliveryBacklog } from './backlog-repo';
export { cancelReminders, claimDueReminders, insertReminders, markRemindersCanceled, moveReminders, newSessionReminderWrites, scheduleReminders } from './reminders-repo';
export { messagingRoutes } from './routes';
export { createMessagingService, type MessagingService } from './service';
export { addressOf } from './transports/address';
export { createMailer, type MailConfig } from './transports/email';
export { createSmsSender, type SmsConfig } from './transports/sms';
export { DeliveryError, type EmailMessage, type Mailer, type SmsSender } from './transports/types';
