import type { OrganizationLogo as Logo } from '../../../shared/logo';

export interface OrganizationLogoProps {
  readonly logo: Logo;
  /** Shown at most this tall (and 4× as wide), keeping its proportions. */
  readonly maxHeight: number;
  /** Empty when the organization's name is written beside it (the logo is then decorative). */
  readonly alt: string;
}

/**
 * The organization's logo as a plain <img> with its box reserved (width and height), so nothing
 * shifts while it loads and the participant's page needs no image code.
 */
export function OrganizationLogo({ logo, maxHeight, alt }: OrganizationLogoProps) {
  const scale = Math.min(1, maxHeight / logo.height, (4 * maxHeight) / logo.width);
  return <img src={logo.url} alt={alt} width={Math.max(1, Math.round(logo.width * scale))} height={Math.max(1, Math.round(logo.height * scale))} style={{ display: 'block', flex: 'none' }} />;
}
