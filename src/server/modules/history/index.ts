export { type HistoryActor, listHistory, recordHistory, type SessionHistoryEvent } from './repo';
