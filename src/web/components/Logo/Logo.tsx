export interface LogoProps {
  readonly size?: number;
}

/** The Carebeam mark: a pulse line on the brand colour. Decorative; the name is always beside it. */
export function Logo({ size = 28 }: LogoProps) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="var(--mantine-color-teal-8)" />
      <path d="M9 17h4l2-6 3 11 2-5h3" fill="none" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
