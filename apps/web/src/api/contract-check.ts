/**
 * Development only: checks an API answer against the server's route schema and logs each mismatch
 * with the route and the path of the field, so drift between server and web shows at once.
 * `api-client.ts` loads this module with a dynamic import under `import.meta.env.DEV`, so production
 * bundles carry neither it nor the schemas.
 */
import type * as ContractSchemas from '@csphub/server/contract-schemas';

/** The name of a schema the client can check an answer against. */
export type CheckedSchema = keyof typeof ContractSchemas;

/** The type of an answer that matches schema `K`. */
export type AnswerOf<K extends CheckedSchema> = ReturnType<(typeof ContractSchemas)[K]['parse']>;

/** Parses `body` with schema `name`; logs one console error per mismatch and answers how many there were. */
export async function checkAnswer(route: string, name: CheckedSchema, body: unknown): Promise<number> {
  const schemas = await import('@csphub/server/contract-schemas');
  const result = schemas[name].safeParse(body);
  if (result.success) return 0;
  for (const issue of result.error.issues) {
    console.error(`API answer of ${route} does not match ${name} at ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  }
  return result.error.issues.length;
}
