import { Badge, Input, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useId, useRef, useState } from 'react';
import { isDrawnSignature } from '../../../shared/documents';
import { SignatureCanvas } from './SignatureCanvas';

export type SignatureMode = 'draw' | 'type';

export interface SignaturePadProps {
  readonly label: string;
  /** The signature: a PNG data URL when drawn, the typed full name, or '' when not signed. */
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly description?: string | undefined;
  readonly error?: string | undefined;
  readonly required?: boolean;
}

export const SIGNATURE_HINT = 'Draw with your finger or mouse, or switch to typing your name';

const modeOf = (value: string): SignatureMode => (value !== '' && !isDrawnSignature(value) ? 'type' : 'draw');
const isSigned = (value: string) => isDrawnSignature(value) || value.trim().length >= 2;

/** A signature, drawn (the default, on phones and desktops alike) or typed as a full name. */
export function SignaturePad({ label, value, onChange, description, error, required = false }: SignaturePadProps) {
  const id = useId();
  const ids = { label: `${id}-label`, description: `${id}-description`, hint: `${id}-hint`, error: `${id}-error` };
  const describedBy = [description && ids.description, ids.hint, error && ids.error].filter(Boolean).join(' ');
  const [mode, setMode] = useState<SignatureMode>(() => modeOf(value));
  // What each mode held, so going back and forth loses neither the drawing nor the name.
  const kept = useRef<Record<SignatureMode, string>>({ draw: '', type: '' });

  const switchTo = (next: string) => {
    if ((next !== 'draw' && next !== 'type') || next === mode) return;
    kept.current[mode] = value;
    setMode(next);
    onChange(kept.current[next]);
  };

  return (
    <Stack gap={6} role="group" aria-labelledby={ids.label} aria-describedby={describedBy}>
      <Input.Label id={ids.label} labelElement="div" required={required} size="md">
        {label}
      </Input.Label>
      {description && (
        <Input.Description id={ids.description} size="md">
          {description}
        </Input.Description>
      )}
      <Input.Description id={ids.hint} size="md">
        {SIGNATURE_HINT}
      </Input.Description>
      <SegmentedControl
        aria-label="How to sign"
        value={mode}
        onChange={switchTo}
        data={[
          { value: 'draw', label: 'Draw' },
          { value: 'type', label: 'Type' },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      {mode === 'draw' ? (
        <SignatureCanvas value={isDrawnSignature(value) ? value : ''} onChange={onChange} labelledBy={ids.label} describedBy={ids.hint} />
      ) : (
        <TextInput
          label="Type your full name"
          size="md"
          autoComplete="name"
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
          error={Boolean(error)}
          aria-describedby={error ? ids.error : undefined}
        />
      )}
      <div aria-live="polite">
        {isSigned(value) && (
          <Badge color="teal" variant="light" leftSection={<IconCheck size={14} aria-hidden="true" />}>
            Signed
          </Badge>
        )}
      </div>
      {error && (
        <Input.Error id={ids.error} size="md">
          {error}
        </Input.Error>
      )}
    </Stack>
  );
}
