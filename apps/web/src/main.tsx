import './app/zod-without-eval';
import './app/early-reads';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { initialLocale, loadMessages } from './i18n/i18n';

// Only the language in use is fetched (a chunk of its own); the page is drawn once it is here.
const locale = initialLocale();
void loadMessages(locale).then((messages) =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App locale={locale} messages={messages} />
    </StrictMode>,
  ),
);
