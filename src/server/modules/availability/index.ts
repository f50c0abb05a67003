export { freeSlotStarts, workRangesBetween } from './engine';
export { busyIntervalsQuery, findHostContext, type HostContext, hostContextQuery, toHostContext } from './repo';
export { availabilityRoutes } from './routes';
export { createAvailabilityService } from './service';
