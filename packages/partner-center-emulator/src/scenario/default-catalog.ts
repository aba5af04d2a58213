import type { ScenarioProduct } from './scenario.schema';

/** Terms offered by most license-based new-commerce SKUs. */
const STANDARD_TERMS = [
  { duration: 'P1M', billingCycle: 'monthly' },
  { duration: 'P1Y', billingCycle: 'monthly' },
  { duration: 'P1Y', billingCycle: 'annual' },
  { duration: 'P3Y', billingCycle: 'monthly' },
  { duration: 'P3Y', billingCycle: 'annual' },
] as const;
const ANNUAL_ONLY_TERMS = [
  { duration: 'P1Y', billingCycle: 'monthly' },
  { duration: 'P1Y', billingCycle: 'annual' },
] as const;


function licenseProduct(
  id: string,
  skuId: string,
  title: string,
  category: string,
  skuPartNumber: string,
  unitPriceUsd: number,
  terms: readonly { duration: 'P1M' | 'P1Y' | 'P3Y'; billingCycle: 'monthly' | 'annual' }[] = STANDARD_TERMS,
  maximumQuantity = 300,
): ScenarioProduct {
  return {
    id,
    title,
    description: `${title} (new commerce license-based offer).`,
    productType: 'OnlineServicesNCE',
    category,
    skus: [
      {
        id: skuId,
        title,
        skuPartNumber,
        availabilityId: `${id}AV${skuId.slice(-2)}`,
        minimumQuantity: 1,
        maximumQuantity,
        isTrial: false,
        unitPriceUsd,
        terms: terms.map((t) => ({ ...t })),
      },
    ],
  };
}

/** The default new-commerce catalog: 17 license-based products and the Azure plan. */
export function buildDefaultCatalog(): ScenarioProduct[] {
  return [
    licenseProduct('CFQ7TTC0LH18', '0001', 'Microsoft 365 Business Basic', 'Productivity', 'O365_BUSINESS_ESSENTIALS', 6),
    licenseProduct('CFQ7TTC0LDPB', '0001', 'Microsoft 365 Business Standard', 'Productivity', 'O365_BUSINESS_PREMIUM', 12.5),
    licenseProduct('CFQ7TTC0LCHC', '0002', 'Microsoft 365 Business Premium', 'Productivity', 'SPB', 22),
    licenseProduct('CFQ7TTC0LF8Q', '0001', 'Office 365 E1', 'Productivity', 'STANDARDPACK', 10, STANDARD_TERMS, 10000),
    licenseProduct('CFQ7TTC0LF8R', '0001', 'Office 365 E3', 'Productivity', 'ENTERPRISEPACK', 23, STANDARD_TERMS, 10000),
    licenseProduct('CFQ7TTC0LF8S', '0001', 'Office 365 E5', 'Productivity', 'ENTERPRISEPREMIUM', 38, STANDARD_TERMS, 10000),
    licenseProduct('CFQ7TTC0LH16', '0001', 'Exchange Online (Plan 1)', 'Email', 'EXCHANGESTANDARD', 4),
    licenseProduct('CFQ7TTC0LH1P', '0001', 'Exchange Online (Plan 2)', 'Email', 'EXCHANGEENTERPRISE', 8),
    licenseProduct('CFQ7TTC0RSKF', '0001', 'Microsoft Teams Essentials', 'Collaboration', 'TEAMS_ESSENTIALS', 4),
    licenseProduct('CFQ7TTC0MM8R', '0001', 'Microsoft Teams Enterprise', 'Collaboration', 'Microsoft_Teams_Enterprise_New', 5.25, ANNUAL_ONLY_TERMS, 10000),
    licenseProduct('CFQ7TTC0LKM9', '0001', 'Microsoft Defender for Business', 'Security', 'DEFENDER_FOR_BUSINESS', 3),
    licenseProduct('CFQ7TTC0LGLN', '0001', 'Microsoft Defender for Endpoint P2', 'Security', 'DEFENDER_ENDPOINT_P2', 5.2, STANDARD_TERMS, 10000),
    licenseProduct('CFQ7TTC0LFLZ', '0001', 'Microsoft Entra ID P1', 'Identity', 'AAD_PREMIUM', 6, STANDARD_TERMS, 10000),
    licenseProduct('CFQ7TTC0LFK5', '0001', 'Microsoft Entra ID P2', 'Identity', 'AAD_PREMIUM_P2', 9, STANDARD_TERMS, 10000),
    licenseProduct('CFQ7TTC0L3PB', '0001', 'Power BI Pro', 'Analytics', 'POWER_BI_PRO', 14, STANDARD_TERMS, 10000),
    licenseProduct('CFQ7TTC0HD33', '0001', 'Visio Plan 2', 'Productivity', 'VISIOCLIENT', 15),
    licenseProduct('CFQ7TTC0HDB0', '0001', 'Project Plan 3', 'Productivity', 'PROJECTPROFESSIONAL', 30),
    {
      id: 'DZH318Z0BPS6',
      title: 'Azure plan',
      description: 'Azure plan: pay-as-you-go Azure consumption under the Microsoft Customer Agreement.',
      productType: 'Azure',
      category: 'Azure',
      skus: [
        {
          id: '0001',
          title: 'Azure plan',
          skuPartNumber: 'AZURE_PLAN',
          availabilityId: 'DZH318Z0BPS6AV01',
          minimumQuantity: 1,
          maximumQuantity: 1,
          isTrial: false,
          unitPriceUsd: 0,
          terms: [],
        },
      ],
    },
  ];
}
