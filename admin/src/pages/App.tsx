import { Layouts, Page } from '@strapi/strapi/admin';
import { Navigate, Route, Routes } from 'react-router-dom';

import { MessengerNav } from '../components/MessengerNav';
import { permissionsFor, usePermission } from '../utils/permissions';
import { BroadcastDetailPage } from './BroadcastDetailPage';
import { BroadcastsPage } from './BroadcastsPage';
import { SubscriberDetailPage } from './SubscriberDetailPage';
import { SubscribersPage } from './SubscribersPage';

/**
 * The plugin's index is the Broadcasts page. Someone who may read subscribers but not
 * broadcasts (a privacy officer, say) is taken to the Subscribers page instead of a refusal.
 */
const IndexPage = () => {
  const broadcasts = usePermission('broadcastsRead');
  const subscribers = usePermission('subscribersRead');

  if (broadcasts.isLoading || subscribers.isLoading) {
    return <Page.Loading />;
  }
  if (!broadcasts.allowed && subscribers.allowed) {
    return <Navigate to="subscribers" replace />;
  }

  return (
    <Page.Protect permissions={permissionsFor('broadcastsRead')}>
      <BroadcastsPage />
    </Page.Protect>
  );
};

const App = () => (
  <Layouts.Root sideNav={<MessengerNav />}>
    <Routes>
      <Route index element={<IndexPage />} />
      <Route
        path="broadcasts/:documentId"
        element={
          <Page.Protect permissions={permissionsFor('broadcastsRead')}>
            <BroadcastDetailPage />
          </Page.Protect>
        }
      />
      <Route
        path="subscribers"
        element={
          <Page.Protect permissions={permissionsFor('subscribersRead')}>
            <SubscribersPage />
          </Page.Protect>
        }
      />
      <Route
        path="subscribers/:documentId"
        element={
          <Page.Protect permissions={permissionsFor('subscribersRead')}>
            <SubscriberDetailPage />
          </Page.Protect>
        }
      />
      <Route path="*" element={<Page.Error />} />
    </Routes>
  </Layouts.Root>
);

export default App;
