import { describe, expect, it } from "vitest";
import { hasCommentMarker, renderCommentMarker, sanitiseCommentId } from "./comment-marker.js";

describe("comment marker", () => {
  it("keeps config comment ids as they are", () => {
    expect(renderCommentMarker("gpu-suite_2.v1")).toBe("<!-- sci-gate:comment:gpu-suite_2.v1 -->");
  });

  it("drops characters that could close the comment or fake another id", () => {
    expect(sanitiseCommentId("x --> <!-- sci-gate:comment:y")).toBe("x----sci-gatecommenty");
    expect(sanitiseCommentId("")).toBe("default");
    expect(sanitiseCommentId("💥")).toBe("default");
    expect(sanitiseCommentId("a".repeat(100))).toHaveLength(64);
  });

  it("recognises its own comment by the first line only", () => {
    expect(hasCommentMarker("<!-- sci-gate:comment:default -->\n\n### sci-gate", "default")).toBe(true);
    expect(hasCommentMarker("<!-- sci-gate:comment:default -->\r\nbody", "default")).toBe(true);
    expect(hasCommentMarker("<!-- sci-gate:comment:other -->\n", "default")).toBe(false);
    expect(hasCommentMarker("quoted:\n<!-- sci-gate:comment:default -->", "default")).toBe(false);
  });
});
