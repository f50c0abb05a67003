import { z } from 'zod';

// Apart from organization.ts so that the participant's page, which shows the logo, loads no settings code.
export const LOGO_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type LogoContentType = (typeof LOGO_CONTENT_TYPES)[number];
export const MAX_LOGO_BYTES = 512 * 1024;

export const organizationLogoSchema = z
  .object({
    url: z.string().describe('Changes whenever the logo does (it carries a hash of the image), so it may be cached for good.'),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  })
  .meta({ id: 'OrganizationLogo', description: "The organization's logo and its size in pixels" });
export type OrganizationLogo = z.infer<typeof organizationLogoSchema>;
