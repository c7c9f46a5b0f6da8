import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { CommandError, commands, toCommandError } from "../src/ipc";

afterEach(() => clearMocks());

describe("the invoke chokepoint", () => {
  it("passes arguments in camelCase and returns the result", async () => {
    let seen: unknown = null;
    mockIPC((cmd, args) => {
      seen = { cmd, args };
      return { id: "x" };
    });
    await expect(commands.getProduct("gmail-aged-2019")).resolves.toEqual({ id: "x" });
    expect(seen).toEqual({ cmd: "get_product", args: { idOrSlug: "gmail-aged-2019" } });
  });

  it("turns an app error into a CommandError with its kind", async () => {
    mockIPC(() => {
      throw { kind: "storeUnavailable", message: "HTTP 500" };
    });
    const error = await commands.listProducts().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).kind).toBe("storeUnavailable");
    expect((error as CommandError).message).toBe("HTTP 500");
  });

  it("treats anything else as unknown, keeping its text", () => {
    expect(toCommandError("command list_products not allowed").kind).toBe("unknown");
    expect(toCommandError("command list_products not allowed").message).toBe("command list_products not allowed");
    expect(toCommandError({ kind: "madeUp", message: "x" }).kind).toBe("unknown");
    expect(toCommandError(new Error("boom")).message).toBe("boom");
  });
});
