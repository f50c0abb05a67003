// No zod here: the participant's page reads these labels without downloading the validators.
export const MODALITIES = ['video', 'phone', 'in_person'] as const;
export type Modality = (typeof MODALITIES)[number];
export const MODALITY_LABELS: Record<Modality, string> = { video: 'Video', phone: 'Phone', in_person: 'In person' };
