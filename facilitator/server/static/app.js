// Live updates for phones that run JavaScript; the page works without it.
// When the facilitator changes phase, the page's main content is swapped in place
// (no reload) — unless the participant is typing, who is told instead.
(function () {
  "use strict";
  var live = document.getElementById("live");
  if (!live || !window.EventSource || !window.fetch) { return; }
  var code = live.getAttribute("data-code");
  var shown = live.getAttribute("data-phase") + ":" + live.getAttribute("data-status");

  function typing() {
    var text = document.getElementById("text");
    return text && text.value.trim() !== "";
  }

  function swap() {
    return fetch(window.location.pathname, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, "text/html");
        var main = next.querySelector("main");
        if (!main) { return; }
        document.querySelector("main").innerHTML = main.innerHTML;
        document.title = next.title;
        var nextLive = document.getElementById("live");
        if (nextLive) {
          shown = nextLive.getAttribute("data-phase") + ":" + nextLive.getAttribute("data-status");
        }
        var heading = document.querySelector("main h1");
        if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
      });
  }

  function announceChange() {
    if (document.getElementById("phase-changed")) { return; }
    var note = document.createElement("p");
    note.id = "phase-changed";
    note.className = "ok";
    note.setAttribute("role", "status");
    note.textContent = live.getAttribute("data-changed") || "";
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = live.getAttribute("data-show") || "OK";
    button.addEventListener("click", swap);
    note.appendChild(button);
    document.querySelector("main").insertBefore(note, document.querySelector("main").firstChild);
  }

  // Dots left, as the participant spreads them (the server checks the same rule).
  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (!form || !form.classList.contains("vote")) { return; }
    var used = 0;
    Array.prototype.forEach.call(form.querySelectorAll("input[type=number]"), function (input) {
      used += parseInt(input.value, 10) || 0;
    });
    var left = document.getElementById("dots-left");
    var total = parseInt(form.getAttribute("data-dots"), 10);
    left.textContent = left.getAttribute("data-template").replace("{left}", String(total - used));
  });

  var source = new EventSource("/api/v1/w/" + encodeURIComponent(code) + "/events");
  source.addEventListener("phase", function (event) {
    var phase = JSON.parse(event.data).phase;
    var now = phase ? phase.id + ":" + phase.status : ":";
    if (now === shown) { return; }
    if (typing()) { announceChange(); return; }
    swap();
  });
  source.addEventListener("state", function () {
    if (!typing()) { swap(); }
  });
})();
