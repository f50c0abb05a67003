import { Badge } from '@mantine/core';

export interface ActiveBadgeProps {
  readonly active: boolean;
  readonly inactiveLabel?: string;
}

/** Active / inactive (or deactivated) as a calm dot badge. */
export function ActiveBadge({ active, inactiveLabel = 'Inactive' }: ActiveBadgeProps) {
  return (
    <Badge color={active ? 'teal' : 'gray'} variant="dot">
      {active ? 'Active' : inactiveLabel}
    </Badge>
  );
}
