export { freeSlotStarts, workRangesBetween } from './engine';
export { busyIntervalsQuery, findHostContext, type HostContext } from './repo';
export { availabilityRoutes } from './routes';
export { createAvailabilityService } from './service';
