import {
  Button,
  Field,
  Flex,
  Modal,
  SingleSelect,
  SingleSelectOption,
  Textarea,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { type FormEvent, type ReactNode, useId, useState } from 'react';

import type { BroadcastSummary } from '../../../../plugin/contracts/broadcasts';
import type { PageSummary } from '../../../../plugin/contracts/common';
import {
  type BroadcastInput,
  broadcastInputSchema,
  issuesByField,
  MESSAGE_LIMITS,
} from '../../../../plugin/validation';
import { useMessengerApi } from '../../utils/api';
import { fieldErrorsOf } from '../../utils/errors';
import { useTranslate } from '../../utils/translations';
import { SendBroadcastDialog } from './SendBroadcastDialog';

interface Props {
  open: boolean;
  pages: PageSummary[];
  /** Whether the editor may send (`broadcasts.send`); without it the form only saves drafts. */
  canSend: boolean;
  onClose: () => void;
  /** A broadcast was stored: saved as a draft, or saved and started. */
  onSaved: (broadcast: BroadcastSummary) => void;
}

/**
 * Field.Hint hides itself while the field shows an error. These hints stay: the character count
 * matters most when the text is too long. The input is described by its error and its hints.
 */
const describedBy = (id: string, error: string | undefined, ...hints: string[]) =>
  [error ? `${id}-error` : null, ...hints.map((hint) => `${id}-${hint}`)].filter(Boolean).join(' ');

const Hint = ({
  id,
  children,
  danger = false,
}: {
  id: string;
  children: ReactNode;
  danger?: boolean;
}) => (
  <Typography variant="pi" tag="p" id={id} textColor={danger ? 'danger600' : 'neutral600'}>
    {children}
  </Typography>
);

/**
 * The editor's form. The same rules as the server's check the fields before anything is stored.
 * Pressing Enter saves a draft, the form's one harmless action: a broadcast leaves only through
 * Send now and the confirmation that follows it, which says who will receive it.
 */
export const ComposeBroadcastModal = ({ open, pages, canSend, onClose, onSaved }: Props) => {
  const t = useTranslate();
  const api = useMessengerApi();
  const { toggleNotification } = useNotification();
  const titleId = useId();
  const textId = useId();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [pageId, setPageId] = useState(pages[0]?.id ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<BroadcastInput | null>(null);

  /** The fields as the server will read them, or null after showing what is wrong. */
  const validInput = (): BroadcastInput | null => {
    const input = broadcastInputSchema.safeParse({ title, text, pageId });
    if (!input.success) {
      setErrors(issuesByField(input.error));
      return null;
    }
    setErrors({});
    return input.data;
  };

  /** Stores the draft; a refusal shows under the fields and in a notification. */
  const store = async (input: BroadcastInput): Promise<BroadcastSummary | null> => {
    try {
      return await api.createBroadcast(input);
    } catch (error) {
      const { fields, message } = fieldErrorsOf(error);
      setErrors(fields);
      toggleNotification({ type: 'danger', message });
      return null;
    }
  };

  const saveDraft = async () => {
    const input = validInput();
    if (!input || busy) {
      return;
    }

    setBusy(true);
    const draft = await store(input);
    setBusy(false);
    if (draft) {
      toggleNotification({ type: 'success', message: t('compose.saved') });
      onSaved(draft);
    }
  };

  /**
   * After the confirmation: the draft is stored first, then started. Should starting be refused
   * (the Page was halted meanwhile), the draft is kept and says so, rather than being lost.
   */
  const send = async (input: BroadcastInput) => {
    const draft = await store(input);
    if (!draft) {
      setConfirming(null);
      return;
    }

    try {
      const started = await api.sendBroadcast(draft.documentId);
      toggleNotification({
        type: 'success',
        message: t('compose.sent', { count: started.counts.total }),
      });
      onSaved(started);
    } catch (error) {
      toggleNotification({
        type: 'danger',
        message: t('compose.savedNotSent', { message: fieldErrorsOf(error).message }),
      });
      onSaved(draft);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void saveDraft();
  };

  const count = text.trim().length;

  return (
    <Modal.Root open={open} onOpenChange={(isOpen: boolean) => !isOpen && onClose()}>
      <Modal.Content>
        <form onSubmit={onSubmit} noValidate>
          <Modal.Header>
            <Modal.Title>{t('compose.title')}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={5}>
              <Field.Root id={titleId} name="title" error={errors.title} required>
                <Field.Label>{t('compose.field.title')}</Field.Label>
                <TextInput
                  value={title}
                  aria-describedby={describedBy(titleId, errors.title, 'hint')}
                  onChange={(event: { target: { value: string } }) => setTitle(event.target.value)}
                />
                <Hint id={`${titleId}-hint`}>{t('compose.field.title.hint')}</Hint>
                <Field.Error />
              </Field.Root>
              <Field.Root name="pageId" error={errors.pageId} required>
                <Field.Label>{t('compose.field.page')}</Field.Label>
                <SingleSelect
                  value={pageId}
                  onChange={(value: string | number) => setPageId(String(value))}
                >
                  {pages.map((page) => (
                    <SingleSelectOption key={page.id} value={page.id}>
                      {page.name}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
                <Field.Error />
              </Field.Root>
              <Field.Root id={textId} name="text" error={errors.text} required>
                <Field.Label>{t('compose.field.text')}</Field.Label>
                <Textarea
                  value={text}
                  aria-describedby={describedBy(textId, errors.text, 'count', 'hint')}
                  onChange={(event: { target: { value: string } }) => setText(event.target.value)}
                />
                <Flex justifyContent="space-between" alignItems="flex-start" gap={4}>
                  <Hint id={`${textId}-hint`}>{t('compose.field.text.hint')}</Hint>
                  <Hint id={`${textId}-count`} danger={count > MESSAGE_LIMITS.buttonTemplateText}>
                    {t('compose.field.text.count', {
                      count,
                      max: MESSAGE_LIMITS.buttonTemplateText,
                    })}
                  </Hint>
                </Flex>
                <Field.Error />
              </Field.Root>
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('compose.cancel')}</Button>
            </Modal.Close>
            <Flex gap={2}>
              {/* The form's submit button, so that Enter in the Title saves a draft. */}
              <Button type="submit" variant={canSend ? 'secondary' : 'default'} loading={busy}>
                {t('compose.saveDraft')}
              </Button>
              {canSend ? (
                <Button type="button" disabled={busy} onClick={() => setConfirming(validInput())}>
                  {t('compose.send')}
                </Button>
              ) : null}
            </Flex>
          </Modal.Footer>
        </form>
        {confirming ? (
          <SendBroadcastDialog
            open
            title={confirming.title}
            pageId={confirming.pageId}
            page={pages.find((page) => page.id === confirming.pageId)}
            onCancel={() => setConfirming(null)}
            onConfirm={() => send(confirming)}
          />
        ) : null}
      </Modal.Content>
    </Modal.Root>
  );
};
