export { renderTemplate, escapeHtml, templateLanguageFor, MissingMergeFieldError, SECRET_MASK, type RenderedMessage } from './render-template';
export { templates, welcomeTemplate, provisioningCompletedTemplate, provisioningFailedTemplate, customerAuthorizationRequestTemplate } from './templates/index';
export { defineTemplate, TEMPLATE_LANGUAGES, type TemplateDefinition, type TemplateLanguage, type TemplateText } from './templates/template-definition';
export type { MailTransport, OutgoingMessage } from './transports/mail-transport';
export { createSmtpTransport } from './transports/smtp.transport';
export { createOutboxTransport, type OutboxStore } from './transports/outbox.transport';
export { createNotifier, type Notifier, type NotificationRequest, type CustomWording } from './notifier';
export { checkTemplateText, requiredMergeFields, sampleFields, previewTemplate, withText, EDIT_LIMITS, type TemplateTextProblem } from './template-editing';
