// No zod here: the participant's page checks a zone without downloading the validators.
/** True for any IANA zone name the runtime's time-zone database knows (aliases included). */
export function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
