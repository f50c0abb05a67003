import { ActionIcon, Button, FileButton, Group, Stack, Textarea } from '@mantine/core';
import { IconPaperclip, IconSend } from '@tabler/icons-react';
import { type ReactNode, useRef, useState } from 'react';
import type { ChatAttachment } from '../../../shared/chat';
import { ATTACHMENT_TYPES, checkMessageBody } from '../../../shared/chat-rules';
import { AttachmentChips } from './AttachmentChips';
import { attachFiles, clearDraft, removeFile, setDraftBody, useDraft } from './drafts';

export interface ChatComposerProps {
  /** Where what is typed is kept for this thread (in the tab's storage). */
  readonly draftKey: string;
  readonly uploadUrl: string;
  readonly onSend: (message: { body: string; attachments: ChatAttachment[] }) => void;
  /** More controls above the field, e.g. who receives the message. */
  readonly children?: ReactNode;
  readonly autoFocus?: boolean;
}

// Also by extension: some systems give HEIC photos and .txt files no type the browser knows.
const ACCEPT = [...ATTACHMENT_TYPES, '.heic', '.txt'].join(',');

/** The message field (Enter sends, Shift+Enter starts a new line), files to attach, and Send. */
export function ChatComposer({ draftKey, uploadUrl, onSend, children, autoFocus }: ChatComposerProps) {
  const draft = useDraft(draftKey);
  const [error, setError] = useState<string | null>(null);
  const resetFiles = useRef<() => void>(null);

  const send = () => {
    if (draft.files.some((f) => f.state === 'uploading')) return setError('Wait until the files are uploaded.');
    if (draft.files.some((f) => f.state === 'failed')) return setError('Remove the files that could not be uploaded.');
    const checked = checkMessageBody(draft.body);
    if ('problem' in checked) return setError(checked.problem);
    onSend({ body: checked.body, attachments: draft.files.flatMap((f) => (f.attachment ? [f.attachment] : [])) });
    clearDraft(draftKey);
    setError(null);
  };

  return (
    <Stack
      component="form"
      gap={6}
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {children}
      <AttachmentChips files={draft.files} onRemove={(localId) => removeFile(draftKey, localId)} />
      <Textarea
        aria-label="Message"
        // 16 px text: phones zoom into anything smaller when it takes the focus.
        size="md"
        placeholder="Write a message…"
        autosize
        minRows={2}
        maxRows={6}
        value={draft.body}
        error={error}
        onChange={(event) => {
          setDraftBody(draftKey, event.currentTarget.value);
          if (error) setError(null);
        }}
        onKeyDown={(event) => {
          // Not while an input method is composing a character: Enter then confirms it.
          if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            send();
          }
        }}
        data-autofocus
        autoFocus={autoFocus}
      />
      <Group justify="space-between" wrap="nowrap">
        <FileButton
          multiple
          accept={ACCEPT}
          resetRef={resetFiles}
          onChange={(files) => {
            setError(attachFiles(draftKey, uploadUrl, files));
            resetFiles.current?.();
          }}
        >
          {(props) => (
            <ActionIcon {...props} variant="default" size={42} aria-label="Attach files">
              <IconPaperclip size={18} aria-hidden="true" />
            </ActionIcon>
          )}
        </FileButton>
        <Button type="submit" size="md" rightSection={<IconSend size={16} aria-hidden="true" />}>
          Send
        </Button>
      </Group>
    </Stack>
  );
}
