import { type FocusEvent, useState } from 'react';

/**
 * Props for a Mantine picker with many options, on a page that shows many pickers. Mantine keeps
 * every closed picker's options mounted (hidden) so that the arrow key can highlight one the
 * moment the list opens: Work Hours' ten time pickers rendered ~1,000 hidden options on load and
 * again on every change to the form. Here a picker mounts its options when first focused (before
 * any key or click reaches it), and keeps them from then on.
 */
export function useOptionsOnFocus(onFocus?: (event: FocusEvent<HTMLInputElement>) => void) {
  const [focused, setFocused] = useState(false);
  return {
    comboboxProps: { keepMounted: focused },
    onFocus: (event: FocusEvent<HTMLInputElement>) => {
      setFocused(true);
      onFocus?.(event);
    },
  };
}
