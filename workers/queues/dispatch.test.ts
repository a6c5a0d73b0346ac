import { describe, expect, it } from "vitest";
import { backoffSeconds } from "./dispatch";

describe("backoffSeconds", () => {
  it.each([
    [1, 10],
    [2, 20],
    [3, 40],
    [6, 320],
    [7, 600],
    [50, 600],
  ])("attempt %i waits %i s", (attempts, seconds) => {
    expect(backoffSeconds(attempts)).toBe(seconds);
  });
});
