// Keyboard for the review app: c confirm, d dismiss (1-5 pick a reason, Enter records),
// u undo to open, j/k or arrows next/previous. Served from the package; no other script.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const $ = (id) => document.getElementById(id);
  const dialog = $("dismiss-dialog");
  const openDismiss = () => { if (dialog) { dialog.showModal(); $("dismiss-reason").focus(); } };
  if ($("dismiss-open")) $("dismiss-open").addEventListener("click", openDismiss);
  if ($("dismiss-cancel")) $("dismiss-cancel").addEventListener("click", () => dialog.close());
  document.querySelectorAll("#filters select").forEach(
    (select) => select.addEventListener("change", () => select.form.submit()));
  const go = (id) => { const a = $(id); if (a) window.location.href = a.href; };
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (dialog && dialog.open) {
      const choice = Number(event.key);
      if (document.activeElement !== $("dismiss-note") && choice >= 1) {
        const select = $("dismiss-reason");
        if (choice <= select.options.length) {
          select.selectedIndex = choice - 1;
          $("dismiss-note").focus();
          event.preventDefault();
        }
      }
      return;
    }
    if (["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement.tagName)) return;
    const actions = {
      c: () => $("confirm-form") && $("confirm-form").submit(),
      d: openDismiss,
      u: () => $("undo-form") && $("undo-form").submit(),
      j: () => go("next"), ArrowDown: () => go("next"),
      k: () => go("prev"), ArrowUp: () => go("prev"),
    };
    if (actions[event.key]) { event.preventDefault(); actions[event.key](); }
  });
});
