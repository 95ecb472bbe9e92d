import {
  Button,
  Field,
  Flex,
  Modal,
  SingleSelect,
  SingleSelectOption,
  Textarea,
  TextInput,
} from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { type FormEvent, useState } from 'react';

import type { BroadcastSummary } from '../../../plugin/contracts/broadcasts';
import type { PageSummary } from '../../../plugin/contracts/common';
import { broadcastInputSchema, issuesByField, MESSAGE_LIMITS } from '../../../plugin/validation';
import { useMessengerApi } from '../utils/api';
import { fieldErrorsOf } from '../utils/errors';
import { useTranslate } from '../utils/translations';

interface Props {
  open: boolean;
  pages: PageSummary[];
  onClose: () => void;
  onSaved: (broadcast: BroadcastSummary) => void;
}

/** The editor's form. The same rules as the server's check the fields before anything is sent. */
export const ComposeBroadcastModal = ({ open, pages, onClose, onSaved }: Props) => {
  const t = useTranslate();
  const api = useMessengerApi();
  const { toggleNotification } = useNotification();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [pageId, setPageId] = useState(pages[0]?.id ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (send: boolean) => {
    const input = broadcastInputSchema.safeParse({ title, text, pageId });
    if (!input.success) {
      setErrors(issuesByField(input.error));
      return;
    }

    setBusy(true);
    setErrors({});
    try {
      const broadcast = await api.createBroadcast({ ...input.data, send });
      toggleNotification({
        type: 'success',
        message: send ? t('compose.sent', { count: broadcast.counts.total }) : t('compose.saved'),
      });
      setTitle('');
      setText('');
      onSaved(broadcast);
    } catch (error) {
      const { fields, message } = fieldErrorsOf(error);
      setErrors(fields);
      toggleNotification({ type: 'danger', message });
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(true);
  };

  return (
    <Modal.Root open={open} onOpenChange={(isOpen: boolean) => !isOpen && onClose()}>
      <Modal.Content>
        <form onSubmit={onSubmit} noValidate>
          <Modal.Header>
            <Modal.Title>{t('compose.title')}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={5}>
              <Field.Root
                name="title"
                error={errors.title}
                hint={t('compose.field.title.hint')}
                required
              >
                <Field.Label>{t('compose.field.title')}</Field.Label>
                <TextInput
                  value={title}
                  onChange={(event: { target: { value: string } }) => setTitle(event.target.value)}
                />
                <Field.Hint />
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
              <Field.Root
                name="text"
                error={errors.text}
                hint={t('compose.field.text.hint', {
                  count: text.trim().length,
                  max: MESSAGE_LIMITS.buttonTemplateText,
                })}
                required
              >
                <Field.Label>{t('compose.field.text')}</Field.Label>
                <Textarea
                  value={text}
                  onChange={(event: { target: { value: string } }) => setText(event.target.value)}
                />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('compose.cancel')}</Button>
            </Modal.Close>
            <Flex gap={2}>
              <Button variant="secondary" disabled={busy} onClick={() => void submit(false)}>
                {t('compose.saveDraft')}
              </Button>
              <Button type="submit" loading={busy}>
                {t('compose.send')}
              </Button>
            </Flex>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
