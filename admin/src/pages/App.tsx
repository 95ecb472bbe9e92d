import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';

import { permissionAction } from '../../../plugin/permissions';
import { BroadcastsPage } from './BroadcastsPage';

const App = () => (
  <Page.Protect permissions={[{ action: permissionAction('broadcastsRead'), subject: null }]}>
    <Routes>
      <Route index element={<BroadcastsPage />} />
      <Route path="*" element={<Page.Error />} />
    </Routes>
  </Page.Protect>
);

export default App;
