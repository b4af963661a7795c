// A note that fails validation comes back as 422 with the form and its error;
// htmx leaves 4xx responses unswapped unless told, and the user would see nothing.
document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.xhr.status === 422) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
