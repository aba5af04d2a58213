export { main, EXIT } from './main';
export { importCustomers, RESULT_COLUMNS, type RowResult, type ImportOptions } from './customers-import';
export { checkRow, IMPORT_COLUMNS } from './import-row';
export { createApi, ApiCallError, type Api } from './api';
export { parseCsv, readRecords, writeCsv } from './csv';
export { listGdap, listTemplates, requestGdap, renewGdap, upgradeGdap, previewGdapUpgrade, terminateGdap, gdapTable, templatesTable, type GdapRelationshipItem, type GdapTemplateItem, type GdapUpgradePreview } from './gdap';
export { gdapCommand } from './gdap-command';
