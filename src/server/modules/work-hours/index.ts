export { workHoursRoutes } from './routes';
export { createWorkHoursService } from './service';
