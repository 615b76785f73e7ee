/* courseatlas: search-as-you-type for every search box marked data-suggest, and copy buttons.
   An enhancement only: without this script the box is a plain GET form. */
(() => {
  "use strict";

  const DELAY_MS = 150;
  const MIN_CHARS = 2;
  const KINDS = { course: "Course", book: "Book", skill: "Skill", topic: "Topic", career: "Career" };
  let boxes = 0;

  function typeahead(input) {
    const id = `suggestions-${++boxes}`;
    const list = document.createElement("ul");
    list.id = id;
    list.className = "suggestions";
    list.hidden = true;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    input.after(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);

    let suggestions = [];
    let active = -1;
    let timer = 0;
    let inFlight = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open(found) {
      suggestions = found.filter((s) => s.url.startsWith("/") && !s.url.startsWith("//"));
      list.replaceChildren(...suggestions.map(option));
      active = -1;
      if (suggestions.length === 0) {
        close();
        return;
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function option(suggestion, index) {
      const item = document.createElement("li");
      item.id = `${id}-${index}`;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      const label = document.createElement("span");
      label.textContent = suggestion.label;
      const kind = document.createElement("span");
      kind.className = "suggestion-kind";
      kind.textContent = KINDS[suggestion.kind] || suggestion.kind;
      item.append(label, kind);
      item.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus in the box
      item.addEventListener("click", () => window.location.assign(suggestion.url));
      return item;
    }

    function highlight(index) {
      const items = list.children;
      if (active >= 0) items[active].setAttribute("aria-selected", "false");
      active = (index + items.length) % items.length;
      items[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    async function load() {
      const q = input.value.trim();
      if (q.length < MIN_CHARS) {
        close();
        return;
      }
      if (inFlight) inFlight.abort();
      inFlight = new AbortController();
      const params = new URLSearchParams({ q, limit: "6" });
      try {
        const response = await fetch(`/api/v1/suggest?${params}`, {
          signal: inFlight.signal,
          headers: { Accept: "application/json" },
        });
        if (!response.ok) {
          close();
          return;
        }
        const body = await response.json();
        if (input.value.trim() === q) open(body.suggestions);
      } catch (error) {
        if (error.name !== "AbortError") close();
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(load, DELAY_MS);
    });
    input.addEventListener("keydown", (event) => {
      if (list.hidden) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active + (event.key === "ArrowDown" ? 1 : active < 0 ? 0 : -1));
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.assign(suggestions[active].url);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("input[data-suggest]").forEach(typeahead);

  // "Copy link" on shared lists: without this script the link is a read-only field to select.
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-copy]");
    const field = button && document.querySelector(button.dataset.copy);
    if (!field) return;
    field.select();
    if (navigator.clipboard) {
      navigator.clipboard.writeText(field.value).then(
        () => { button.textContent = "Copied"; },
        () => { button.textContent = "Press Ctrl+C to copy"; },
      );
    }
  });
})();
