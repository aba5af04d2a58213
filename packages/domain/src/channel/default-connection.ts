/**
 * Which Partner Center connection a new customer is provisioned through by default.
 *
 * A distributor holds one indirect-provider account per market, and each account serves the
 * countries of its market (Microsoft's CSP regions: Latin America, Europe, North America, Asia
 * Pacific, Middle East and Africa), not only the country it is registered in. So a Colombian or
 * Chilean customer belongs on the account registered in Mexico, not on the first one listed.
 */
export type CspMarket = 'latam' | 'europe' | 'north-america' | 'apac' | 'mea';

const MARKETS: Record<CspMarket, string> = {
  latam:
    'AR BO BR BZ CL CO CR CU DO EC GT HN HT JM MX NI PA PE PR PY SV TT UY VE AG AI AW BB BM BS BQ CW DM GD GF GP GY KN KY LC MF MQ MS SR SX TC VC VG VI FK',
  europe:
    'AD AL AT BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GL GR HR HU IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS SE SI SK SM UA VA XK AX',
  'north-america': 'US CA UM PM',
  apac: 'AU BD BN BT CN FJ HK ID IN JP KH KR LA LK MM MN MO MV MY NP NZ PG PH PK SG TH TL TW VN WS TO VU SB PF NC CK NU',
  mea: 'AE AM AZ BH DZ EG ET GE GH IL IQ JO KE KW KZ KG LB LY MA MU NG OM PS QA RW SA SN TJ TM TN TR TZ UG UZ YE ZA ZM ZW CI CM AO BW MZ NA',
};

const MARKET_OF = new Map<string, CspMarket>(
  (Object.entries(MARKETS) as [CspMarket, string][]).flatMap(([market, codes]) => codes.split(' ').map((code) => [code, market] as const)),
);

/** The CSP market of an ISO country code, or null when unknown. */
export function cspMarketOf(country: string | null | undefined): CspMarket | null {
  return MARKET_OF.get((country ?? '').trim().toUpperCase()) ?? null;
}

/**
 * The default connection for a customer: the one registered in the customer's own country, else
 * one in the customer's market, else one in its reseller's country or market, else the first.
 * `region` is the ISO country a connection's account is registered in.
 */
export function defaultConnectionFor<C extends { id: string; region: string }>(connections: readonly C[], who: { country: string | null | undefined; resellerCountry?: string | null | undefined }): C | undefined {
  const same = (a: string | null | undefined, b: string) => (a ?? '').trim().toUpperCase() === b.trim().toUpperCase() && b.trim() !== '';
  const inMarket = (country: string | null | undefined) => {
    const market = cspMarketOf(country);
    return market ? connections.find((c) => cspMarketOf(c.region) === market) : undefined;
  };
  return (
    connections.find((c) => same(who.country, c.region)) ??
    inMarket(who.country) ??
    connections.find((c) => same(who.resellerCountry, c.region)) ??
    inMarket(who.resellerCountry) ??
    connections[0]
  );
}
