import { Typography } from '@strapi/design-system';
import { styled } from 'styled-components';

/** Identifiers (references, PSIDs, hashes) read best, and compare best, in a fixed-width font. */
export const Monospace = styled(Typography)`
  font-family: 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
`;
