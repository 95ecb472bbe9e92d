import { Button, EmptyStateLayout } from '@strapi/design-system';
import { BackButton, Layouts, Page } from '@strapi/strapi/admin';
import { Link as RouterLink } from 'react-router-dom';

interface Props {
  /** The section's title, e.g. "Broadcasts". */
  title: string;
  /** Says what could not be found. */
  message: string;
  backLabel: string;
  listPath: string;
}

/** A detail page whose record does not exist (any more): say so and lead back to the list. */
export const NotFoundPage = ({ title, message, backLabel, listPath }: Props) => (
  <Page.Main>
    <Page.Title>{title}</Page.Title>
    <Layouts.Header title={title} navigationAction={<BackButton fallback={listPath} />} />
    <Layouts.Content>
      <EmptyStateLayout
        content={message}
        action={
          <Button variant="secondary" tag={RouterLink} to={listPath}>
            {backLabel}
          </Button>
        }
      />
    </Layouts.Content>
  </Page.Main>
);
