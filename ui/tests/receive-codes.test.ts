import { beforeEach, describe, expect, it } from "vitest";
import { highlighted } from "../src/receive-codes/highlight";
import { codesErrorSentence } from "../src/receive-codes/messages";
import { setLanguage } from "../src/i18n/i18n";

beforeEach(() => setLanguage("en"));

describe("received texts", () => {
  it("marks the code inside the text, as text nodes only", () => {
    const span = highlighted("Your code is 482913, <b>ok</b>", "482913");
    expect(span.querySelector("mark")?.textContent).toBe("482913");
    expect(span.textContent).toBe("Your code is 482913, <b>ok</b>");
    expect(span.querySelector("b")).toBeNull();
    expect(highlighted("no code here", null).querySelector("mark")).toBeNull();
  });
});

describe("the service's codes", () => {
  it("says known codes in the user's language and keeps the server's words for unknown ones", () => {
    expect(codesErrorSentence({ kind: "storeRejected", message: "the email-order service refused (code 1005): 用户余额不足", code: 1005 })).toBe(
      "Your balance at the service is too low.",
    );
    setLanguage("zh");
    expect(codesErrorSentence({ kind: "storeRejected", message: "x (code 1005): y", code: 1005 })).toBe("您在服务中的余额不足。");
    expect(codesErrorSentence({ kind: "orderMayExist", message: "not saved", orderNo: "E11251630013784" })).toContain("服务已售出订单 E11251630013784");
    expect(codesErrorSentence({ kind: "storeRejected", message: "the email-order service refused (code 7777): 奇怪的错误", code: 7777, storeMessage: "奇怪的错误" })).toBe("奇怪的错误");
    setLanguage("en");
    expect(codesErrorSentence({ kind: "lockedOut", message: "locked" })).toMatch(/locked it out for about an hour/);
    expect(codesErrorSentence({ kind: "unauthorized", message: "x" })).toBe("The API key was refused. Enter the right key.");
  });

  it("says a buy that may have gone through in the service's terms, with what the service said", () => {
    // The service answered its own error (or nothing): no number to open, so no "look it up".
    const error = { kind: "orderMayExist", message: "the email-order service refused (code 500): 系统繁忙" };
    const sentence = codesErrorSentence(error);
    expect(sentence).toContain("may have sold these emails");
    expect(sentence).toContain("Orders");
    expect(sentence).toContain("Details: the email-order service refused (code 500): 系统繁忙");
    expect(sentence).not.toContain("Look it up");
    setLanguage("zh");
    expect(codesErrorSentence(error)).toContain("可能已经售出");
    setLanguage("en");
  });
});
