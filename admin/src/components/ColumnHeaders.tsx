import { Th, Thead, Tr, Typography } from '@strapi/design-system';

import { type TranslationKey, useTranslate } from '../utils/translations';

/** The header row of a table whose columns are named by translation keys. */
export const ColumnHeaders = ({ columns }: { columns: TranslationKey[] }) => {
  const t = useTranslate();

  return (
    <Thead>
      <Tr>
        {columns.map((column) => (
          <Th key={column}>
            <Typography variant="sigma">{t(column)}</Typography>
          </Th>
        ))}
      </Tr>
    </Thead>
  );
};
