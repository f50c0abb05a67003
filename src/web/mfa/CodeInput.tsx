import { TextInput, type TextInputProps } from '@mantine/core';

/** The six-digit code field: numeric keyboard on phones, filled in by the OS where it can. */
export function CodeInput(props: TextInputProps) {
  return <TextInput label="6-digit code" autoComplete="one-time-code" inputMode="numeric" pattern="[0-9]*" maxLength={7} w={200} {...props} />;
}
