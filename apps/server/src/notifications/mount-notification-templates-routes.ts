import type { Router } from '../http/openapi-app';
import { notificationTemplatesRoutes, type NotificationTemplatesDeps } from './notification-templates.routes';

/** Mounts the notification template editor's routes on the /api/v1 router. */
export function mountNotificationTemplatesRoutes(api: Router, deps: NotificationTemplatesDeps): void {
  api.route('/', notificationTemplatesRoutes(deps));
}
