import { describe, expect, it } from "vitest";
import { call } from "../support/api-client";

describe("GET /api/openapi.json", () => {
  it("documents every route with its JSON request and response shapes", async () => {
    const res = await call("/api/openapi.json");
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<string, Record<string, { requestBody?: any; responses: Record<string, any> }>>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining(["/api/health", "/api/leads", "/api/pipelines/{id}/board", "/api/pipeline-cards/{id}", "/api/api-keys", "/api/invitations/accept"]),
    );
    expect(paths["/api/leads"]!.post!.requestBody.content["application/json"].schema).toBeDefined();
    expect(paths["/api/leads"]!.post!.responses["201"].content["application/json"].schema).toBeDefined();
    expect(paths["/api/health"]!.get!.responses["503"].description).toBe("Postgres is unreachable");
  });
});
