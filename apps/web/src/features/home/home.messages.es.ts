import type { homeEn } from './home.messages.en';

/** Spanish text of the home page; the type makes a missing key a compile error. */
export const homeEs: Record<keyof typeof homeEn, string> = {
  'home.title': 'Bienvenido a CSP Hub',
  'home.intro':
    'Cree tenants nuevos de Microsoft o conecte los existentes de sus clientes y después pida y gestione sus suscripciones.',
  'home.status.title': 'Estado del sistema',
  'home.status.loading': 'Comprobando el sistema…',
  'home.status.error': 'El servidor no respondió: {message}',
  'home.status.retry': 'Reintentar',
  'home.status.database': 'Base de datos',
  'home.status.databaseKind.pglite': 'Base de datos integrada',
  'home.status.databaseKind.postgres': 'Servidor PostgreSQL',
  'home.status.emulator': 'Partner Center',
  'home.status.emulatorEmbedded': 'Emulador local en {url}',
  'home.status.emulatorOff': 'Servicios de Microsoft (emulador apagado)',
  'home.status.ok': 'Funciona',
  'home.status.down': 'No responde',
  'home.status.latency': '{ms} ms',
  'home.status.checkedAt': 'Comprobado {time}',
};
