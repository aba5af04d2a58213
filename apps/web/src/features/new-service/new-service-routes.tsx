import { Route } from 'react-router';
import { NewServicePage } from './new-service-page';
import { OutboxPage } from './outbox-page';
import { PendingAuthorizationsPage } from './pending-authorizations-page';

/** The routes this feature adds to the app (spread into <Routes>). */
export const newServiceRoutes = [
  <Route key="new-service" path="/companies/:companyId/new-service" element={<NewServicePage />} />,
  <Route key="outbox" path="/outbox" element={<OutboxPage />} />,
  <Route key="authorizations" path="/authorizations" element={<PendingAuthorizationsPage />} />,
];
