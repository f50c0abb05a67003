import type { Audience, DocumentField } from '../../shared/documents';

/** The demo clinic's paperwork: a consent, an intake questionnaire, the provider's checklist. */
export const DEMO_DOCUMENTS: { name: string; audience: Audience; fields: DocumentField[] }[] = [
  {
    name: 'Consent to telehealth',
    audience: 'participant',
    fields: [
      {
        id: 'consent',
        label: 'I consent to receive care by telehealth',
        type: 'yes_no',
        required: true,
        help: 'Telehealth sessions happen by video or phone. You can ask for an in-person visit at any time. Your information is kept private and secure.',
      },
      { id: 'signature', label: 'Signature', type: 'signature', required: true, help: 'Type your full name or draw your signature.' },
    ],
  },
  {
    name: 'Intake questionnaire',
    audience: 'participant',
    fields: [
      { id: 'reason', label: 'What is the reason for your visit?', type: 'short_text', required: true },
      { id: 'date_of_birth', label: 'Date of birth', type: 'date', required: true, dateLimit: 'past' },
      {
        id: 'symptoms',
        label: 'Which symptoms do you have?',
        type: 'multiple_choice',
        required: false,
        options: [
          { value: 'fever', label: 'Fever' },
          { value: 'cough', label: 'Cough' },
          { value: 'headache', label: 'Headache' },
          { value: 'fatigue', label: 'Fatigue' },
        ],
      },
      {
        id: 'pain',
        label: 'How much pain do you feel today?',
        type: 'single_choice',
        required: true,
        options: [
          { value: 'none', label: 'None' },
          { value: 'mild', label: 'Mild' },
          { value: 'moderate', label: 'Moderate' },
          { value: 'severe', label: 'Severe' },
        ],
      },
      { id: 'allergies', label: 'Do you have any allergies?', type: 'yes_no', required: true },
      { id: 'medications', label: 'Which medications do you take?', type: 'long_text', required: false, help: 'Name, dose and how often.' },
      { id: 'weight', label: 'Weight (kg)', type: 'number', required: false, min: 0, max: 700, step: 0.1, unit: 'kg' },
      { id: 'signature', label: 'Signature', type: 'signature', required: true },
    ],
  },
  {
    name: 'Provider visit checklist',
    audience: 'host',
    fields: [
      { id: 'identity', label: 'Patient identity verified', type: 'yes_no', required: true },
      { id: 'consent_on_file', label: 'Telehealth consent on file', type: 'yes_no', required: true },
      { id: 'plan', label: 'Follow-up plan', type: 'long_text', required: false },
      { id: 'signature', label: 'Provider signature', type: 'signature', required: true },
    ],
  },
];
