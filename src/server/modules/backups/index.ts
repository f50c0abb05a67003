export { backupsRoutes } from './routes';
export { type BackupsService, createBackupsService } from './service';
