import type { storefrontEn } from './storefront.messages.en';

/** Spanish text of the storefront; the type makes a missing key a compile error. */
export const storefrontEs: Record<keyof typeof storefrontEn, string> = {
  'nav.store': 'Tienda',
  'store.title': 'Tienda',
  'store.intro.customer': 'Pida productos de Microsoft para {company}, o configure antes su tenant de Microsoft.',
  'store.intro.reseller': 'Elija uno de sus clientes y pida productos de Microsoft para él o configure su tenant de Microsoft.',
  'store.notForYou': 'La tienda es para revendedores y administradores de clientes. El personal del distribuidor pide desde la página de la empresa del cliente; pida ayuda a un administrador si necesita hacer un pedido.',
  'store.customer': 'Cliente',
  'store.customerPlaceholder': 'Busque sus clientes por nombre',
  'store.noCustomers': 'Aún no tiene clientes. Cree uno desde la página de su empresa y vuelva para hacer un pedido.',
  'store.pickCustomer': 'Elija un cliente para ver lo que puede pedir.',
  'store.treeLoading': 'Cargando sus clientes…',
  'store.treeError': 'No se pudieron cargar sus clientes: {message}',
  'store.tab.products': 'Productos',
  'store.tab.tenant': 'Tenant de Microsoft',
  'store.loading': 'Cargando la tienda…',
  'store.error': 'No se pudo cargar la tienda: {message}',
  'store.retry': 'Reintentar',
  'store.noTenant': '{company} todavía no tiene un tenant de Microsoft vinculado. Configúrelo primero (uno nuevo o el que la empresa ya usa); podrá pedir productos en cuanto esté listo.',
  'store.setUpTenant': 'Configurar el tenant de Microsoft',
  'store.pickProduct': 'Elija un producto y su plan para pedirlo; después confirma las licencias y el plazo.',
  'store.tenantReady': 'Tenant de Microsoft vinculado: {domain}',
};
