// Copies text for the user. The web view's clipboard API needs no extra permission in Tauri.

export async function copyText(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}

/** Shows a short "Copied" on `button` after a successful copy. */
export function copyButton(label: string, copiedLabel: string, text: () => string, testid: string): HTMLButtonElement {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button small";
  button.textContent = label;
  button.dataset.testid = testid;
  button.addEventListener("click", async () => {
    try {
      await copyText(text());
      button.textContent = copiedLabel;
      button.dataset.copied = "true";
      setTimeout(() => {
        button.textContent = label;
        delete button.dataset.copied;
      }, 1500);
    } catch {
      button.dataset.copied = "false";
    }
  });
  return button;
}
