import type { z } from 'zod';

/**
 * What a schema that reads its value first (`z.preprocess`, typed `unknown` going in) is given by a
 * caller: the types the SDK publishes for it (`limit?: number | string`, not `unknown`), so a
 * caller's mistake is caught when compiling. The schema that runs, and the OpenAPI document, are the
 * same. A module of its own, importing nothing at run time: the schema modules that use it import
 * each other.
 */
export const accepting = <Input>() => <S extends z.ZodType>(schema: S): z.ZodType<z.output<S>, Input> & S =>
  schema as z.ZodType<z.output<S>, Input> & S;
