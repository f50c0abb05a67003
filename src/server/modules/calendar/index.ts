export { createCalendarFeed } from './feed';
export { calendarFile } from './ics';
export { calendarRoutes } from './routes';
export { sessionCalendarFile } from './session-file';
