import { Flex, Typography } from '@strapi/design-system';

import { useFormatTime } from '../utils/dates';
import { NO_VALUE } from '../utils/no-value';

/** A moment in a table cell: the date, and the time below it, so that columns stay narrow. */
export const Moment = ({ value, precise = false }: { value: string | null; precise?: boolean }) => {
  const format = useFormatTime();

  if (value === null) {
    return <Typography textColor="neutral500">{NO_VALUE}</Typography>;
  }

  return (
    <Flex direction="column" alignItems="flex-start">
      <Typography>{format.date(value)}</Typography>
      <Typography variant="pi" textColor="neutral600">
        {format.time(value, precise ? 'precise' : 'minutes')}
      </Typography>
    </Flex>
  );
};
