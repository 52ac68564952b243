// "Copy" buttons: <button data-copy-from="ID"> copies the value (or text) of element ID.
// A file of its own because the Content-Security-Policy forbids inline handlers.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy-from]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copyFrom);
  if (!source || !navigator.clipboard) return;
  navigator.clipboard.writeText(source.value ?? source.textContent);
});
