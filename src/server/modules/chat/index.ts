// Chat: the session's conversation and each participant's private thread with the clinic,
// with attachments, read marks and unread counts; pushed over the live channel.
export { chatLiveFeature } from './live';
export { chatRoutes } from './routes';
export { type Caller, createChatService } from './service';
