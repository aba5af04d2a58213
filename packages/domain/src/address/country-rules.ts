/**
 * Address rules per country, as Partner Center publishes them in CountryValidationRules
 * (docs/PARTNER-CENTER-REFERENCE.md §4: isStateRequired, supportedStatesList, isPostalCodeRequired,
 * postalCodeRegex, customerOrganizationRegistrationNumberRequired/Regex, phone required). Checked
 * before any call to Microsoft so the user fixes the address in CSP Hub, not after a failed order.
 * Countries not listed here are not supported for provisioning yet.
 */
export interface CountryRules {
  /** ISO 3166-1 alpha-2. */
  code: string;
  postalCodeRequired: boolean;
  /** Tested against the trimmed, upper-cased postal code. */
  postalCodePattern?: RegExp;
  /** An example shown when the code does not match. */
  postalCodeExample?: string;
  stateRequired: boolean;
  /** Accepted state codes, when Microsoft lists them; names are matched too (see `findState`). */
  states?: readonly { code: string; name: string }[];
  /** Microsoft requires the organisation's registration number (tax id) for customers here. */
  registrationNumberRequired: boolean;
  registrationNumberPattern?: RegExp;
  registrationNumberExample?: string;
  /** Microsoft requires the organisation's phone number here (we require it everywhere anyway). */
  phoneRequired: boolean;
  /** International calling code, for phone hints. */
  callingCode: string;
  /** Default language of tenants created here. */
  defaultCulture: string;
}

const s = (pairs: string): { code: string; name: string }[] =>
  pairs.split(';').map((p) => {
    const [code, name] = p.split('=');
    return { code: code!, name: name! };
  });

const US_STATES = s(
  'AL=Alabama;AK=Alaska;AZ=Arizona;AR=Arkansas;CA=California;CO=Colorado;CT=Connecticut;DE=Delaware;DC=District of Columbia;FL=Florida;GA=Georgia;HI=Hawaii;ID=Idaho;IL=Illinois;IN=Indiana;IA=Iowa;KS=Kansas;KY=Kentucky;LA=Louisiana;ME=Maine;MD=Maryland;MA=Massachusetts;MI=Michigan;MN=Minnesota;MS=Mississippi;MO=Missouri;MT=Montana;NE=Nebraska;NV=Nevada;NH=New Hampshire;NJ=New Jersey;NM=New Mexico;NY=New York;NC=North Carolina;ND=North Dakota;OH=Ohio;OK=Oklahoma;OR=Oregon;PA=Pennsylvania;RI=Rhode Island;SC=South Carolina;SD=South Dakota;TN=Tennessee;TX=Texas;UT=Utah;VT=Vermont;VA=Virginia;WA=Washington;WV=West Virginia;WI=Wisconsin;WY=Wyoming;PR=Puerto Rico',
);
const CA_PROVINCES = s(
  'AB=Alberta;BC=British Columbia;MB=Manitoba;NB=New Brunswick;NL=Newfoundland and Labrador;NS=Nova Scotia;NT=Northwest Territories;NU=Nunavut;ON=Ontario;PE=Prince Edward Island;QC=Quebec;SK=Saskatchewan;YT=Yukon',
);
const MX_STATES = s(
  'AGU=Aguascalientes;BCN=Baja California;BCS=Baja California Sur;CAM=Campeche;CHP=Chiapas;CHH=Chihuahua;CMX=Ciudad de México;COA=Coahuila;COL=Colima;DUR=Durango;GUA=Guanajuato;GRO=Guerrero;HID=Hidalgo;JAL=Jalisco;MEX=Estado de México;MIC=Michoacán;MOR=Morelos;NAY=Nayarit;NLE=Nuevo León;OAX=Oaxaca;PUE=Puebla;QUE=Querétaro;ROO=Quintana Roo;SLP=San Luis Potosí;SIN=Sinaloa;SON=Sonora;TAB=Tabasco;TAM=Tamaulipas;TLA=Tlaxcala;VER=Veracruz;YUC=Yucatán;ZAC=Zacatecas',
);
const BR_STATES = s(
  'AC=Acre;AL=Alagoas;AP=Amapá;AM=Amazonas;BA=Bahia;CE=Ceará;DF=Distrito Federal;ES=Espírito Santo;GO=Goiás;MA=Maranhão;MT=Mato Grosso;MS=Mato Grosso do Sul;MG=Minas Gerais;PA=Pará;PB=Paraíba;PR=Paraná;PE=Pernambuco;PI=Piauí;RJ=Rio de Janeiro;RN=Rio Grande do Norte;RS=Rio Grande do Sul;RO=Rondônia;RR=Roraima;SC=Santa Catarina;SP=São Paulo;SE=Sergipe;TO=Tocantins',
);

const base = { postalCodeRequired: true, stateRequired: false, registrationNumberRequired: false, phoneRequired: true };

/** The supported countries, keyed by ISO code. */
export const COUNTRY_RULES: Readonly<Record<string, CountryRules>> = Object.fromEntries(
  (
    [
      { ...base, code: 'US', postalCodePattern: /^\d{5}(-\d{4})?$/, postalCodeExample: '98052', stateRequired: true, states: US_STATES, callingCode: '1', defaultCulture: 'en-US' },
      {
        ...base,
        code: 'CA',
        postalCodePattern: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/,
        postalCodeExample: 'K1A 0B1',
        stateRequired: true,
        states: CA_PROVINCES,
        callingCode: '1',
        defaultCulture: 'en-CA',
      },
      { ...base, code: 'MX', postalCodePattern: /^\d{5}$/, postalCodeExample: '06600', stateRequired: true, states: MX_STATES, callingCode: '52', defaultCulture: 'es-MX' },
      {
        ...base,
        code: 'BR',
        postalCodePattern: /^\d{5}-?\d{3}$/,
        postalCodeExample: '01310-100',
        stateRequired: true,
        states: BR_STATES,
        registrationNumberRequired: true,
        registrationNumberPattern: /^\d{2}\.?\d{3}\.?\d{3}\/?\d{4}-?\d{2}$/,
        registrationNumberExample: '12.345.678/0001-95',
        callingCode: '55',
        defaultCulture: 'pt-BR',
      },
      { ...base, code: 'AR', postalCodePattern: /^([A-HJ-NP-Z]\d{4}[A-Z]{3}|\d{4})$/, postalCodeExample: 'C1043AAZ', callingCode: '54', defaultCulture: 'es-AR' },
      { ...base, code: 'CL', postalCodePattern: /^\d{7}$/, postalCodeExample: '8320000', callingCode: '56', defaultCulture: 'es-CL' },
      { ...base, code: 'CO', postalCodePattern: /^\d{6}$/, postalCodeExample: '110111', callingCode: '57', defaultCulture: 'es-CO' },
      { ...base, code: 'PE', postalCodePattern: /^\d{5}$/, postalCodeExample: '15074', callingCode: '51', defaultCulture: 'es-PE' },
      { ...base, code: 'ES', postalCodePattern: /^(0[1-9]|[1-4]\d|5[0-2])\d{3}$/, postalCodeExample: '28001', callingCode: '34', defaultCulture: 'es-ES' },
      { ...base, code: 'PT', postalCodePattern: /^\d{4}-\d{3}$/, postalCodeExample: '1000-001', callingCode: '351', defaultCulture: 'pt-PT' },
      { ...base, code: 'FR', postalCodePattern: /^\d{5}$/, postalCodeExample: '75001', callingCode: '33', defaultCulture: 'fr-FR' },
      { ...base, code: 'DE', postalCodePattern: /^\d{5}$/, postalCodeExample: '10115', callingCode: '49', defaultCulture: 'de-DE' },
      { ...base, code: 'IT', postalCodePattern: /^\d{5}$/, postalCodeExample: '00184', callingCode: '39', defaultCulture: 'it-IT' },
      { ...base, code: 'NL', postalCodePattern: /^\d{4} ?[A-Z]{2}$/, postalCodeExample: '1012 AB', callingCode: '31', defaultCulture: 'nl-NL' },
      {
        ...base,
        code: 'GB',
        postalCodePattern: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/,
        postalCodeExample: 'SW1A 1AA',
        callingCode: '44',
        defaultCulture: 'en-GB',
      },
      { ...base, code: 'IE', postalCodeRequired: false, postalCodePattern: /^([AC-FHKNPRTV-Y]\d{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}$/, postalCodeExample: 'D02 X285', callingCode: '353', defaultCulture: 'en-IE' },
      {
        ...base,
        code: 'HU',
        postalCodePattern: /^\d{4}$/,
        postalCodeExample: '1051',
        registrationNumberRequired: true,
        registrationNumberPattern: /^\d{2}-\d{2}-\d{6}$/,
        registrationNumberExample: '01-09-123456',
        callingCode: '36',
        defaultCulture: 'hu-HU',
      },
      { ...base, code: 'PL', postalCodePattern: /^\d{2}-\d{3}$/, postalCodeExample: '00-001', callingCode: '48', defaultCulture: 'pl-PL' },
    ] satisfies CountryRules[]
  ).map((r) => [r.code, r]),
);

/** The rules of a country, or undefined when CSP Hub does not support it. */
export function countryRules(code: string | null | undefined): CountryRules | undefined {
  if (!code) return undefined;
  return COUNTRY_RULES[code.toUpperCase()];
}

/** The supported country codes, sorted. */
export const SUPPORTED_COUNTRIES: readonly string[] = Object.keys(COUNTRY_RULES).sort();

/** Finds a state by code or name (case- and accent-insensitive). */
export function findState(rules: CountryRules, value: string): { code: string; name: string } | undefined {
  if (!rules.states) return undefined;
  let index = foldedStates.get(rules.states);
  if (!index) {
    // Folded once per list: the first state whose code or name folds to a key keeps it.
    index = new Map();
    for (const st of rules.states) for (const key of [fold(st.code), fold(st.name)]) if (!index.has(key)) index.set(key, st);
    foldedStates.set(rules.states, index);
  }
  return index.get(fold(value));
}

const MARKS = /\p{M}/gu;
const fold = (x: string) => x.normalize('NFD').replace(MARKS, '').trim().toLowerCase();
const foldedStates = new WeakMap<readonly { code: string; name: string }[], Map<string, { code: string; name: string }>>();
