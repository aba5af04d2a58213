import { z } from 'zod';

/** `{ key, value }` pair used by link headers and cart participants. */
export const KeyValueSchema = z.object({ key: z.string(), value: z.string() });
export type KeyValue = z.infer<typeof KeyValueSchema>;

/** A hypermedia link (docs/PARTNER-CENTER-REFERENCE.md §2.5). */
export const LinkSchema = z.looseObject({
  uri: z.string(),
  method: z.string(),
  headers: z.array(KeyValueSchema),
});
export type Link = z.infer<typeof LinkSchema>;

export const LinksSchema = z.record(z.string(), LinkSchema);
export type Links = z.infer<typeof LinksSchema>;

/** `attributes` object present on every Partner Center resource. */
export const ResourceAttributesSchema = z.looseObject({
  objectType: z.string().optional(),
  etag: z.string().optional(),
});
export type ResourceAttributes = z.infer<typeof ResourceAttributesSchema>;

/**
 * Collection envelope (docs/PARTNER-CENTER-REFERENCE.md §2.5, §17): `totalCount`, `items`, `links.self`,
 * `links.next` with an `MS-ContinuationToken` header when more pages exist.
 */
export function collectionSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    totalCount: z.number().int(),
    items: z.array(item),
    links: z.looseObject({ self: LinkSchema.optional(), next: LinkSchema.optional() }).optional(),
    continuationToken: z.string().optional(),
    attributes: ResourceAttributesSchema,
  });
}
export type Collection<T> = {
  totalCount: number;
  items: T[];
  links?: { self?: Link; next?: Link };
  continuationToken?: string;
  attributes: ResourceAttributes;
};

/** ISO-3166 alpha-2 country code. */
export const CountryCodeSchema = z.string().regex(/^[A-Za-z]{2}$/, 'country must be a 2-letter ISO code');

/** Address (docs/PARTNER-CENTER-REFERENCE.md §2.1). Lengths from the doc's table. */
export const AddressSchema = z.object({
  id: z.string().optional(),
  firstName: z.string().min(1).max(50).optional(),
  middleName: z.string().optional(),
  lastName: z.string().min(1).max(50).optional(),
  addressLine1: z.string().min(1).max(200),
  addressLine2: z.string().max(200).optional().nullable(),
  addressLine3: z.string().max(200).optional().nullable(),
  city: z.string().optional(),
  state: z.string().optional().nullable(),
  postalCode: z.string().optional().nullable(),
  country: CountryCodeSchema,
  region: z.string().optional().nullable(),
  district: z.string().optional().nullable(),
  phoneNumber: z.string().optional().nullable(),
  emailAddress: z.string().optional().nullable(),
});
export type Address = z.infer<typeof AddressSchema>;

/** GUID as Microsoft prints it (any version). */
export const GuidSchema = z.guid();
