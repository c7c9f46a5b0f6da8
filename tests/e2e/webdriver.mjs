// A small W3C WebDriver client over fetch: the few calls the end-to-end tests make of
// tauri-driver (which forwards them to WebKitWebDriver driving the real app window).

const ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf";

export class WebDriverError extends Error {}

/** Whether a WebDriver call failed because its element was replaced by a re-render. */
export function isStale(error) {
  return error instanceof WebDriverError && /stale element reference/.test(error.message);
}

/** No WebDriver call may hang a test run: each gets this long at most. */
const REQUEST_TIMEOUT_MS = 60_000;

async function request(method, url, body) {
  let response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    // Name the call that hung, not just "aborted".
    throw new WebDriverError(`${method} ${url} ${body === undefined ? "" : JSON.stringify(body)}: ${error.message}`, { cause: error });
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) {
    const { error, message } = json.value ?? {};
    throw new WebDriverError(`${method} ${url}: ${response.status} ${error ?? ""} ${message ?? text}`);
  }
  return json.value;
}

export class Session {
  constructor(driverUrl, id) {
    this.base = `${driverUrl}/session/${id}`;
  }

  static async start(driverUrl, application) {
    const value = await request("POST", `${driverUrl}/session`, {
      capabilities: { alwaysMatch: { "tauri:options": { application } } },
    });
    return new Session(driverUrl, value.sessionId);
  }

  async end() {
    await request("DELETE", this.base);
  }

  /** Element ids matching a CSS selector (empty when none). */
  async findAll(selector) {
    const found = await request("POST", `${this.base}/elements`, { using: "css selector", value: selector });
    return found.map((element) => element[ELEMENT_KEY]);
  }

  async text(elementId) {
    return request("GET", `${this.base}/element/${elementId}/text`);
  }

  async attribute(elementId, name) {
    return request("GET", `${this.base}/element/${elementId}/attribute/${name}`);
  }

  /** A DOM property (an input's current `value`, which its attribute does not follow). */
  async property(elementId, name) {
    return request("GET", `${this.base}/element/${elementId}/property/${name}`);
  }

  async click(elementId) {
    await request("POST", `${this.base}/element/${elementId}/click`, {});
  }

  async type(elementId, text) {
    await request("POST", `${this.base}/element/${elementId}/value`, { text });
  }

  async clearInput(elementId) {
    await request("POST", `${this.base}/element/${elementId}/clear`, {});
  }

  /** The texts of the elements matching `selector`. The app re-renders as answers arrive (a
   *  payment screen's status check, a detail's refresh): an element found just before it was
   *  replaced is looked up again, rather than failing the test on a stale reference. */
  async texts(selector) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const ids = await this.findAll(selector);
        return await Promise.all(ids.map((id) => this.text(id)));
      } catch (error) {
        if (attempt >= 5 || !isStale(error)) throw error;
      }
    }
  }

  /** Scrolls an element to the middle of the window, for a screenshot of what a test checked. */
  async scrollIntoView(elementId) {
    await request("POST", `${this.base}/execute/sync`, { script: "arguments[0].scrollIntoView({ block: 'center' });", args: [{ [ELEMENT_KEY]: elementId }] });
  }

  /** A PNG of the window, as a Buffer. */
  async screenshot() {
    return Buffer.from(await request("GET", `${this.base}/screenshot`), "base64");
  }
}
