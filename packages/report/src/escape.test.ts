import { describe, expect, it } from "vitest";
import {
  escapeMarkdownCell,
  escapeMarkdownText,
  escapePreformatted,
  normaliseInlineText,
  sanitiseMermaidLabel,
  sanitisePlainText,
  sanitiseUrl,
  truncateText,
} from "./escape.js";

const zwsp = "\u200B";

describe("escapeMarkdownCell", () => {
  it("leaves ordinary scenario names and units readable", () => {
    expect(escapeMarkdownCell("chat-long.v2")).toBe("chat-long.v2");
    expect(escapeMarkdownCell("tiny_llm_chat")).toBe("tiny_llm_chat");
    expect(escapeMarkdownCell("per 1k tokens")).toBe("per 1k tokens");
  });

  it("encodes HTML so no tag or comment can open", () => {
    expect(escapeMarkdownCell("<img src=x onerror=alert(1)>")).toBe("&lt;img src=x onerror=alert(1)&gt;");
    expect(escapeMarkdownCell("<!-- sci-gate:comment:default -->")).toBe("&lt;!-- sci-gate:comment:default --&gt;");
    expect(escapeMarkdownCell("a & b")).toBe("a &amp; b");
  });

  it("cannot split a table cell or a row", () => {
    expect(escapeMarkdownCell("a | b")).toBe("a &#x7C; b");
    expect(escapeMarkdownCell("line one\nline two\r\n| x |")).toBe("line one line two &#x7C; x &#x7C;");
  });

  it("encodes inline markdown punctuation", () => {
    expect(escapeMarkdownCell("**bold** `code` [link](u) ~~x~~ $m$ a\\b")).toBe(
      "&#x2A;&#x2A;bold&#x2A;&#x2A; &#x60;code&#x60; &#x5B;link&#x5D;(u) &#x7E;&#x7E;x&#x7E;&#x7E; &#x24;m&#x24; a&#x5C;b",
    );
    // `_` opens emphasis only at a word edge.
    expect(escapeMarkdownCell("_x_ a_b")).toBe("&#x5F;x&#x5F; a_b");
  });

  it("breaks mentions and issue references with a zero-width space", () => {
    expect(escapeMarkdownCell("@everyone")).toBe(`@${zwsp}everyone`);
    expect(escapeMarkdownCell("@org/team")).toBe(`@${zwsp}org/team`);
    expect(escapeMarkdownCell("fixes #1 and GH-2")).toBe(`fixes #${zwsp}1 and GH-${zwsp}2`);
    // A # not before a digit is not a reference.
    expect(escapeMarkdownCell("C# code")).toBe("C# code");
  });

  it("stops a pasted URL from being auto-linked (a link to another pull request would backlink it)", () => {
    const zwj = "\u200D";
    expect(escapeMarkdownCell("see https://github.com/octo/repo/pull/7")).toBe(`see https:${zwj}//github.com/octo/repo/pull/7`);
    expect(escapeMarkdownCell("HTTP://x.test and www.example.com")).toBe(`HTTP:${zwj}//x.test and www${zwj}.example.com`);
    // What a reader sees is unchanged: only the invisible joiner was added.
    expect(escapeMarkdownCell("https://x.test/a").replaceAll(zwj, "")).toBe("https://x.test/a");
  });

  it("drops control characters, terminal escapes and bidi overrides", () => {
    expect(escapeMarkdownCell("a\u0000b\u001B[31mc\u202Ed")).toBe("ab&#x5B;31mcd");
  });

  it("truncates long text before escaping, so no entity is cut in half", () => {
    expect(escapeMarkdownCell("<".repeat(10), 4)).toBe("&lt;&lt;&lt;…");
  });
});

describe("escapeMarkdownText", () => {
  it("stops a leading character from starting a heading, list or quote", () => {
    expect(escapeMarkdownText("# Heading")).toBe("&#x23; Heading");
    expect(escapeMarkdownText("- item")).toBe("&#x2D; item");
    expect(escapeMarkdownText("+ item")).toBe("&#x2B; item");
    expect(escapeMarkdownText("=== ")).toBe("&#x3D;==");
    expect(escapeMarkdownText("1. first")).toBe("1&#x2E; first");
    expect(escapeMarkdownText("2) second")).toBe("2&#x29; second");
    expect(escapeMarkdownText("> quote")).toBe("&gt; quote");
    expect(escapeMarkdownText("    indented code")).toBe("indented code");
  });

  it("keeps the middle of the text as escapeMarkdownCell does", () => {
    expect(escapeMarkdownText("run 3 - exited")).toBe("run 3 - exited");
  });
});

describe("escapePreformatted", () => {
  it("keeps line breaks and encodes what could leave the <pre> block", () => {
    expect(escapePreformatted("npx sci-gate compare a.json \\\n  --config x.yml")).toBe("npx sci-gate compare a.json \\\n  --config x.yml");
    expect(escapePreformatted("cat </pre> <!-- sci-gate:comment:x --> && echo @alice #1")).toBe(
      "cat &lt;/pre&gt; &lt;!-- sci-gate:comment:x --&gt; &amp;&amp; echo &#x40;alice &#x23;1",
    );
  });
});

describe("sanitiseMermaidLabel", () => {
  it("keeps a safe alphabet so no quote, bracket or fence forms", () => {
    expect(sanitiseMermaidLabel('chat" ] ```', "x")).toBe("chat");
    expect(sanitiseMermaidLabel("| <img src=x> @everyone #1", "x")).toBe("img src x everyone 1");
    expect(sanitiseMermaidLabel("%%{init}%%", "fallback")).toBe("init");
    expect(sanitiseMermaidLabel("∑∑", "fallback")).toBe("fallback");
    expect(sanitiseMermaidLabel("a".repeat(40), "x", 10)).toBe("aaaaaaaaaa");
  });
});

describe("sanitisePlainText", () => {
  it("removes terminal escape sequences' ESC and folds lines", () => {
    expect(sanitisePlainText("red\u001B[31m\nnext")).toBe("red[31m next");
  });
});

describe("sanitiseUrl", () => {
  it("accepts http(s) and percent-encodes what could end the link", () => {
    expect(sanitiseUrl("https://example.com/docs/METHODOLOGY.md#sci")).toBe("https://example.com/docs/METHODOLOGY.md#sci");
    expect(sanitiseUrl("https://x.test/a)b<c>")).toBe("https://x.test/a%29b%3Cc%3E");
    expect(sanitiseUrl("https://x.test/é")).toBe("https://x.test/%C3%A9");
  });

  it("refuses other schemes and text with spaces", () => {
    expect(sanitiseUrl("javascript:alert(1)")).toBeNull();
    expect(sanitiseUrl("https://x.test/a b")).toBeNull();
  });
});

describe("truncateText and normaliseInlineText", () => {
  it("never splits a surrogate pair", () => {
    expect(truncateText("🌱🌱🌱", 2)).toBe("🌱…");
    expect(truncateText("abc", 3)).toBe("abc");
  });

  it("folds whitespace", () => {
    expect(normaliseInlineText("  a\t\tb\n\nc  ")).toBe("a b c");
  });
});
