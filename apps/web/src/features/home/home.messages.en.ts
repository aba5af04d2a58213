/** English text of the home page. */
export const homeEn = {
  'home.title': 'Welcome to CSP Hub',
  'home.intro':
    'Create new Microsoft tenants or connect existing ones for your customers, then order and manage their subscriptions.',
  'home.status.title': 'System status',
  'home.status.loading': 'Checking the system…',
  'home.status.error': 'The server did not answer: {message}',
  'home.status.retry': 'Try again',
  'home.status.database': 'Database',
  'home.status.databaseKind.pglite': 'Embedded database',
  'home.status.databaseKind.postgres': 'PostgreSQL server',
  'home.status.emulator': 'Partner Center',
  'home.status.emulatorEmbedded': 'Local emulator at {url}',
  'home.status.emulatorOff': 'Microsoft services (emulator off)',
  'home.status.ok': 'Working',
  'home.status.down': 'Not answering',
  'home.status.latency': '{ms} ms',
  'home.status.checkedAt': 'Checked {time}',
} as const;
