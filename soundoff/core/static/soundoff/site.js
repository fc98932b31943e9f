// Small progressive enhancements; the site works without them.
document.addEventListener("click", function (event) {
  var cancel = event.target.closest("[data-cancel-reply]");
  if (cancel) {
    event.preventDefault();
    var holder = cancel.closest(".reply-slot");
    if (holder) holder.innerHTML = "";
  }
});
