/** `{ 'application/json': { schema } }`, the content of a JSON request body or response in a route definition. */
export const json = <T>(schema: T) => ({ 'application/json': { schema } });
