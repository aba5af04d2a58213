/**
 * Country validation rules (docs/PARTNER-CENTER-REFERENCE.md §4 and §2.2). The doc gives the US postal-code
 * regex; the others are the countries' public postal formats. Registration number and phone
 * requirements follow §2.2's country lists. Countries outside this table answer 501 (not emulated).
 */
export interface CountryRule {
  iso2: string;
  name: string;
  defaultCulture: string;
  languages: string[];
  cultures: string[];
  callingCode: string;
  currency: { code: string; symbol: string };
  postalCodeRegex: string | null;
  isPostalCodeRequired: boolean;
  isStateRequired: boolean;
  states: string[];
  isCityRequired: boolean;
  vatIdRegex: string | null;
  registrationNumberRequired: boolean;
  registrationNumberRegex: string | null;
  registrationNumberSample: string | null;
  phoneRequired: boolean;
  region: 'LATAM' | 'Europe' | 'NorthAmerica' | 'AsiaPacific';
}

const US_STATES = 'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(' ');
const MX_STATES = 'AGU BCN BCS CAM CHP CHH CMX COA COL DUR GUA GRO HID JAL MEX MIC MOR NAY NLE OAX PUE QUE ROO SLP SIN SON TAB TAM TLA VER YUC ZAC'.split(' ');
const BR_STATES = 'AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO'.split(' ');
const AR_STATES = 'B C K H U X W E P Y L F M N Q R A J D Z S G V T'.split(' ');
const IN_STATES = 'AN AP AR AS BR CH CT DN DD DL GA GJ HR HP JK JH KA KL LA LD MP MH MN ML MZ NL OR PY PB RJ SK TN TG TR UP UT WB'.split(' ');
const CA_PROVINCES = 'AB BC MB NB NL NS NT NU ON PE QC SK YT'.split(' ');

function rule(r: Partial<CountryRule> & Pick<CountryRule, 'iso2' | 'name' | 'defaultCulture' | 'callingCode' | 'currency' | 'postalCodeRegex' | 'region'>): CountryRule {
  return {
    languages: [r.defaultCulture.slice(0, 2)],
    cultures: [r.defaultCulture],
    isPostalCodeRequired: r.postalCodeRegex !== null,
    isStateRequired: false,
    states: [],
    isCityRequired: true,
    vatIdRegex: null,
    registrationNumberRequired: false,
    registrationNumberRegex: null,
    registrationNumberSample: null,
    phoneRequired: false,
    ...r,
  };
}

export const COUNTRY_RULES: readonly CountryRule[] = [
  rule({ iso2: 'US', name: 'United States', defaultCulture: 'en-US', callingCode: '1', currency: { code: 'USD', symbol: '$' }, postalCodeRegex: '^\\d{5}(-\\d{4})?$', isStateRequired: true, states: US_STATES, region: 'NorthAmerica', cultures: ['en-US', 'es-US'], languages: ['en', 'es'] }),
  rule({ iso2: 'CA', name: 'Canada', defaultCulture: 'en-CA', callingCode: '1', currency: { code: 'CAD', symbol: '$' }, postalCodeRegex: '^[A-Za-z]\\d[A-Za-z][ -]?\\d[A-Za-z]\\d$', isStateRequired: true, states: CA_PROVINCES, region: 'NorthAmerica', cultures: ['en-CA', 'fr-CA'], languages: ['en', 'fr'] }),
  rule({ iso2: 'GB', name: 'United Kingdom', defaultCulture: 'en-GB', callingCode: '44', currency: { code: 'GBP', symbol: '£' }, postalCodeRegex: '^[A-Za-z]{1,2}\\d[A-Za-z\\d]?\\s?\\d[A-Za-z]{2}$', region: 'Europe', vatIdRegex: '^GB\\d{9}$' }),
  rule({ iso2: 'DE', name: 'Germany', defaultCulture: 'de-DE', callingCode: '49', currency: { code: 'EUR', symbol: '€' }, postalCodeRegex: '^\\d{5}$', region: 'Europe', vatIdRegex: '^DE\\d{9}$' }),
  rule({ iso2: 'ES', name: 'Spain', defaultCulture: 'es-ES', callingCode: '34', currency: { code: 'EUR', symbol: '€' }, postalCodeRegex: '^\\d{5}$', region: 'Europe', vatIdRegex: '^ES[A-Z0-9]\\d{7}[A-Z0-9]$', cultures: ['es-ES', 'ca-ES'], languages: ['es', 'ca'] }),
  rule({ iso2: 'FR', name: 'France', defaultCulture: 'fr-FR', callingCode: '33', currency: { code: 'EUR', symbol: '€' }, postalCodeRegex: '^\\d{5}$', region: 'Europe', vatIdRegex: '^FR[A-Z0-9]{2}\\d{9}$' }),
  rule({ iso2: 'IT', name: 'Italy', defaultCulture: 'it-IT', callingCode: '39', currency: { code: 'EUR', symbol: '€' }, postalCodeRegex: '^\\d{5}$', region: 'Europe', vatIdRegex: '^IT\\d{11}$' }),
  rule({ iso2: 'NL', name: 'Netherlands', defaultCulture: 'nl-NL', callingCode: '31', currency: { code: 'EUR', symbol: '€' }, postalCodeRegex: '^\\d{4}\\s?[A-Za-z]{2}$', region: 'Europe', vatIdRegex: '^NL\\d{9}B\\d{2}$' }),
  rule({ iso2: 'PT', name: 'Portugal', defaultCulture: 'pt-PT', callingCode: '351', currency: { code: 'EUR', symbol: '€' }, postalCodeRegex: '^\\d{4}-\\d{3}$', region: 'Europe', vatIdRegex: '^PT\\d{9}$' }),
  rule({ iso2: 'PL', name: 'Poland', defaultCulture: 'pl-PL', callingCode: '48', currency: { code: 'PLN', symbol: 'zł' }, postalCodeRegex: '^\\d{2}-\\d{3}$', region: 'Europe', registrationNumberRequired: true, registrationNumberRegex: '^\\d{10}$', registrationNumberSample: '5260250274', phoneRequired: true }),
  rule({ iso2: 'MX', name: 'Mexico', defaultCulture: 'es-MX', callingCode: '52', currency: { code: 'MXN', symbol: '$' }, postalCodeRegex: '^\\d{5}$', isStateRequired: true, states: MX_STATES, region: 'LATAM' }),
  rule({ iso2: 'PE', name: 'Peru', defaultCulture: 'es-PE', callingCode: '51', currency: { code: 'PEN', symbol: 'S/' }, postalCodeRegex: '^\\d{5}$', isPostalCodeRequired: false, region: 'LATAM' }),
  rule({ iso2: 'CO', name: 'Colombia', defaultCulture: 'es-CO', callingCode: '57', currency: { code: 'COP', symbol: '$' }, postalCodeRegex: '^\\d{6}$', isPostalCodeRequired: false, region: 'LATAM' }),
  rule({ iso2: 'BR', name: 'Brazil', defaultCulture: 'pt-BR', callingCode: '55', currency: { code: 'BRL', symbol: 'R$' }, postalCodeRegex: '^\\d{5}-?\\d{3}$', isStateRequired: true, states: BR_STATES, region: 'LATAM', registrationNumberRequired: true, registrationNumberRegex: '^\\d{14}$', registrationNumberSample: '11222333000181', phoneRequired: true }),
  rule({ iso2: 'AR', name: 'Argentina', defaultCulture: 'es-AR', callingCode: '54', currency: { code: 'ARS', symbol: '$' }, postalCodeRegex: '^([A-Za-z]\\d{4}[A-Za-z]{3}|\\d{4})$', isStateRequired: true, states: AR_STATES, region: 'LATAM' }),
  rule({ iso2: 'CL', name: 'Chile', defaultCulture: 'es-CL', callingCode: '56', currency: { code: 'CLP', symbol: '$' }, postalCodeRegex: '^\\d{7}$', region: 'LATAM' }),
  rule({ iso2: 'IN', name: 'India', defaultCulture: 'en-IN', callingCode: '91', currency: { code: 'INR', symbol: '₹' }, postalCodeRegex: '^\\d{6}$', isStateRequired: true, states: IN_STATES, region: 'AsiaPacific', registrationNumberRequired: true, registrationNumberRegex: '^[A-Z]\\d{5}[A-Z]{2}\\d{4}[A-Z]{3}\\d{6}$', registrationNumberSample: 'U72200KA2009PTC049889', phoneRequired: true, cultures: ['en-IN', 'hi-IN'], languages: ['en', 'hi'] }),
];

const BY_ISO2 = new Map(COUNTRY_RULES.map((r) => [r.iso2, r]));

export function countryRule(iso2: string): CountryRule | undefined {
  return BY_ISO2.get(iso2.toUpperCase());
}

/** Countries that require a registration number but are outside the rules table (docs/PARTNER-CENTER-REFERENCE.md §2.2's lists). */
export const REGISTRATION_NUMBER_COUNTRIES = new Set([
  'AM', 'AZ', 'BY', 'HU', 'KZ', 'KG', 'MD', 'RU', 'TJ', 'UZ', 'UA', 'IN', 'BR', 'ZA', 'PL', 'AE', 'SA', 'TR', 'TH', 'VN', 'MM', 'IQ', 'SS', 'VE',
]);

export function matchesPostalCode(rule: CountryRule, postalCode: string): boolean {
  return rule.postalCodeRegex === null || new RegExp(rule.postalCodeRegex).test(postalCode);
}
