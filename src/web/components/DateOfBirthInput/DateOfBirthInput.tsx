import { DateAnswerInput } from '../DocumentForm/DateAnswerInput';

export interface DateOfBirthInputProps {
  /** `YYYY-MM-DD`, or '' when not recorded. */
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string | undefined;
}

/** The participant's date of birth as staff record it: optional, typed or picked, never in the future. */
export function DateOfBirthInput({ value, onChange, error }: DateOfBirthInputProps) {
  return (
    <DateAnswerInput
      label="Date of birth"
      help="Optional. Where the clinic asks who is joining, the participant confirms it before their page opens"
      required={false}
      limit="past"
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
