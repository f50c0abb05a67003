import { z } from 'zod';

export const totpCodeSchema = z
  .string()
  .trim()
  .transform((code) => code.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, { message: 'Enter the 6-digit code from your app' }));

export const recoveryCodeSchema = z.string().trim().min(1, { message: 'Enter a recovery code' }).max(40);

export const mfaCodeSchema = z.object({ code: totpCodeSchema });

export const mfaChallengeSchema = z.union([z.object({ code: totpCodeSchema }).strict(), z.object({ recoveryCode: recoveryCodeSchema }).strict()]);

/** Where a sign-in stands with MFA: waiting for the second factor, or for enrolment the organization requires. */
export const mfaStepSchema = z.enum(['challenge', 'enrol']);
export type MfaStep = z.infer<typeof mfaStepSchema>;

export const mfaPendingSchema = z
  .object({ mfaStep: mfaStepSchema })
  .meta({ id: 'MfaPending', description: 'The password was right; the sign-in reaches only this step until it is done' });

export const mfaStatusSchema = z
  .object({ enrolled: z.boolean(), recoveryCodesLeft: z.number().int().nonnegative() })
  .meta({ id: 'MfaStatus', description: "The caller's second factor" });
export type MfaStatus = z.infer<typeof mfaStatusSchema>;

export const mfaEnrolmentSchema = z
  .object({
    secret: z.string().describe('Base32 TOTP secret for manual entry; never shown again once enrolment completes'),
    otpauthUri: z.string().describe('The otpauth:// URI the QR code carries'),
  })
  .meta({ id: 'MfaEnrolment', description: 'A TOTP secret to add to an authenticator app' });
export type MfaEnrolment = z.infer<typeof mfaEnrolmentSchema>;

export const recoveryCodesSchema = z
  .object({ recoveryCodes: z.array(z.string()).length(10) })
  .meta({ id: 'RecoveryCodes', description: 'Ten single-use recovery codes, shown this once' });
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;
