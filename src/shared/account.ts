import { z } from 'zod';
import { timeZoneSchema } from './time-zone';
import { emailSchema, passwordSchema } from './users';

/** What the set-password page shows before the person chooses a password. */
export const passwordLinkSchema = z
  .object({ purpose: z.enum(['invite', 'reset']), name: z.string(), email: z.email(), organizationName: z.string() })
  .meta({ id: 'PasswordLink', description: 'A live invitation or reset link: whose account it opens' });
export type PasswordLink = z.infer<typeof passwordLinkSchema>;

export const setPasswordSchema = z.object({ token: z.string().min(1).max(100), password: passwordSchema });

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, { message: 'Enter your current password' }).max(256),
  newPassword: passwordSchema,
});

export const accountUpdateSchema = z.object({ timeZone: timeZoneSchema });

export const signInSummarySchema = z
  .object({
    createdAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
    browser: z.string().describe('"Chrome on Linux", from the browser’s user agent'),
    address: z.string().nullable(),
    current: z.boolean().describe('The sign-in making this request ("this device")'),
  })
  .meta({ id: 'SignInSummary', description: 'One active sign-in of the staff member' });
export type SignInSummary = z.infer<typeof signInSummarySchema>;

const BROWSERS: [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/OPR\//, 'Opera'],
  [/Firefox\//, 'Firefox'],
  [/Chrom(e|ium)\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** "Chrome on Linux": enough to recognize a device, nothing more. */
export function browserSummary(userAgent: string | null): string {
  if (!userAgent) return 'Unknown browser';
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? 'Unknown browser';
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  return system ? `${browser} on ${system}` : browser;
}
