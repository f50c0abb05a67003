import type { BackupDirectory, BackupSummary } from '../backup/directory';

/**
 * Backs the embedded database up every `intervalHours` (the first one an interval after start, so
 * restarts do not pile backups up). Returns the function that stops it.
 */
export function keepBackingUp(options: {
  backups: BackupDirectory;
  intervalHours: number;
  onDone: (backup: BackupSummary) => void;
  onError: (error: unknown) => void;
}): () => void {
  const timer = setInterval(() => void options.backups.create().then(options.onDone, options.onError), options.intervalHours * 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
