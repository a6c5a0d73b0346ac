import { z } from "@hono/zod-openapi";

/** A JSON response for `createRoute`. */
export const json = <T extends z.ZodType>(schema: T, description = "OK") => ({
  description,
  content: { "application/json": { schema } },
});

/** A required JSON request body for `createRoute`'s `request`. */
export const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { "application/json": { schema } } },
});

/** Keyset paging query: `limit` (up to `max`, default `fallback`) and the opaque `cursor` of the previous page. */
export const pageQuery = (max: number, fallback: number) => ({
  limit: z.coerce.number().int().min(1).max(max).default(fallback),
  cursor: z.string().max(200).optional(),
});
