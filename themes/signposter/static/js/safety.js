// Reader-safety controls, all optional: without JavaScript the exit is a plain
// link and nothing else is needed. Nothing here stores anything on the phone
// unless the reader presses "Save contacts for offline use".
(function (d, w, n) {
  var exit = d.getElementById("exit"), status = d.getElementById("exit-status");

  // Quick exit: blank the page at once, then replace this page in the history
  // so Back does not return to it.
  function leave(event) {
    if (event) event.preventDefault();
    d.documentElement.className += " leaving";
    status.textContent = exit.dataset.leaving;
    w.location.replace(exit.href);
  }

  if (exit) {
    exit.addEventListener("click", leave);
    // Shift pressed three times within five seconds, as in GOV.UK's component.
    var presses = 0, timer;
    d.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") return;
      presses += 1;
      clearTimeout(timer);
      timer = setTimeout(function () { presses = 0; status.textContent = ""; }, 5000);
      if (presses >= 3) leave();
      else status.textContent = exit.dataset["shift" + presses];
    });
  }

  // Opt-in (SIGNPOSTER_ONE_HISTORY_ENTRY): every link within the site replaces
  // the current history entry, so the whole visit is one entry and Back after
  // a quick exit goes to wherever the reader was before this site.
  if (d.body.hasAttribute("data-one-entry")) {
    d.addEventListener("click", function (event) {
      var a = event.target.closest && event.target.closest("a[href]");
      if (!a || a === exit || a.target || event.defaultPrevented || event.button ||
          event.ctrlKey || event.metaKey || event.shiftKey || a.origin !== w.location.origin ||
          a.hash && a.pathname === w.location.pathname) return;
      event.preventDefault();
      w.location.replace(a.href);
    });
  }

  var share = d.getElementById("share");
  if (share) {
    share.parentNode.hidden = false;
    share.addEventListener("click", function () {
      var url = w.location.href.split("?")[0];
      if (n.share) n.share({ title: d.title, url: url }).catch(function () {});
      else if (n.clipboard) n.clipboard.writeText(url).then(function () {
        d.getElementById("share-status").textContent = share.dataset.copied;
      });
    });
  }

  var box = d.querySelector("[data-sw]");
  if (box && n.serviceWorker && w.caches) {
    box.hidden = false;
    var say = function (key) { box.querySelector("[aria-live]").textContent = box.dataset[key]; };
    box.querySelector(".save-offline").addEventListener("click", function () {
      n.serviceWorker.register(box.dataset.sw, { scope: box.dataset.scope })
        .then(function () { return n.serviceWorker.ready; })
        .then(function () { say("saved"); }, function () { say("failed"); });
    });
    box.querySelector(".remove-offline").addEventListener("click", function () {
      n.serviceWorker.getRegistrations()
        .then(function (all) { return Promise.all(all.map(function (r) { return r.unregister(); })); })
        .then(function () { return caches.keys(); })
        .then(function (keys) { return Promise.all(keys.map(function (k) { return caches.delete(k); })); })
        .then(function () { say("removed"); });
    });
  }
})(document, window, navigator);
