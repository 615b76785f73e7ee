/* courseatlas: the "Copy link" button of "Tell a friend". An enhancement only: without this
   script the button stays hidden and the link can be selected in its box. */
(() => {
  "use strict";
  if (!navigator.clipboard) return;
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const input = document.getElementById(button.dataset.copy);
    const status = document.querySelector(`[data-copied="${button.dataset.copy}"]`);
    if (!input) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(input.value);
        if (status) status.textContent = "Link copied.";
      } catch {
        input.select();
        if (status) status.textContent = "Press Ctrl+C (⌘C on a Mac) to copy the selected link.";
      }
    });
  }
})();
