import { Badge, VisuallyHidden } from '@mantine/core';

/** "3" on screen, "3 unread" to a screen reader; nothing at zero. */
export function UnreadBadge({ count }: { readonly count: number }) {
  if (count <= 0) return null;
  return (
    <Badge size="sm" color="red" variant="filled" style={{ flexShrink: 0 }}>
      {count}
      <VisuallyHidden> unread</VisuallyHidden>
    </Badge>
  );
}
