// Progressive enhancement for phones that run JavaScript; every page works without it.
// - follows the facilitator's phase changes over SSE, swapping the page's content in place;
// - sends a card without reloading, and keeps it (same id, so never twice) while offline;
// - counts characters against the same limit the server enforces;
// - shows the dots left in a vote.
(function () {
  "use strict";
  var live = document.getElementById("live");
  if (!live || !window.fetch || !window.JSON) { return; }
  var code = live.getAttribute("data-code");
  var shown = live.getAttribute("data-phase") + ":" + live.getAttribute("data-status");
  var QUEUE = "trepart-queue-" + code;

  function uuid4() {
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function typing() {
    var text = document.getElementById("text");
    return text && text.value.trim() !== "";
  }

  // -- the phase follows the facilitator ----------------------------------------------------
  // One page fetch at a time. A phase event that comes meanwhile asks for one more fetch only if
  // the page it brought shows another phase (`wanted`); any other request always does. Someone
  // who began to write while the page was being fetched keeps their text: told when the phase
  // moved on, left alone when it did not (`chosen`: they pressed "show the new question").
  var swapping = false;
  var again = null;  // null, or {chosen, any, phase}: what came while a fetch was under way
  function swap(chosen, wanted) {
    if (swapping) {
      again = again || { chosen: false, any: false, phase: null };
      again.chosen = again.chosen || chosen === true;
      if (wanted === undefined) { again.any = true; } else { again.phase = wanted; }
      return;
    }
    swapping = true;
    // A fetch that hangs (the phone changing network) must not stop the page following: after
    // 15 s it is given up, and the next event or the button fetches anew.
    var control = window.AbortController ? new AbortController() : null;
    var timer = control ? setTimeout(function () { control.abort(); }, 15000) : null;
    function done() {
      if (timer) { clearTimeout(timer); }
      swapping = false;
      var next = again;
      again = null;
      if (next && (next.chosen || next.any || (next.phase !== null && next.phase !== shown))) {
        swap(next.chosen);
      }
    }
    var options = { credentials: "same-origin", cache: "no-store" };
    if (control) { options.signal = control.signal; }
    fetch(window.location.pathname, options)
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, "text/html");
        var main = next.querySelector("main");
        if (!main) { return; }
        var nextLive = next.getElementById("live");
        var nextShown = nextLive
          ? nextLive.getAttribute("data-phase") + ":" + nextLive.getAttribute("data-status")
          : shown;
        if (chosen !== true && typing()) {
          if (nextShown !== shown) { announceChange(); }
          return;
        }
        document.querySelector("main").innerHTML = main.innerHTML;
        document.title = next.title;
        var live2 = document.getElementById("live");
        if (live2) {
          live = live2;
          shown = nextShown;
        }
        enhance();
        var heading = document.querySelector("main h1");
        if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
      })
      .then(done, done);
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
    button.addEventListener("click", function () { swap(true); });
    note.appendChild(button);
    var main = document.querySelector("main");
    main.insertBefore(note, main.firstChild);
  }

  if (window.EventSource) {
    var source = new EventSource("/api/v1/w/" + encodeURIComponent(code) + "/events");
    source.addEventListener("phase", function (event) {
      if (live.hasAttribute("data-joining")) { return; }  // the join form does not change
      var phase = JSON.parse(event.data).phase;
      var now = phase ? phase.id + ":" + phase.status : ":";
      if (now === shown) { return; }
      if (typing()) { announceChange(); return; }
      swap(false, now);
    });
    source.addEventListener("state", function () {
      if (!live.hasAttribute("data-joining")) { if (!typing()) { swap(); } return; }
      // On the join form only a closed workshop changes the page (a choice made is kept).
      fetch("/api/v1/w/" + encodeURIComponent(code) + "/state", { cache: "no-store" })
        .then(function (response) { return response.json(); })
        .then(function (doc) { if (doc.workshop && doc.workshop.status === "closed") { swap(); } });
    });
  }

  // -- sending cards -------------------------------------------------------------------------
  function queue() {
    try { return JSON.parse(window.localStorage.getItem(QUEUE) || "[]"); } catch (e) { return []; }
  }
  function saveQueue(items) {
    try { window.localStorage.setItem(QUEUE, JSON.stringify(items)); } catch (e) { /* private mode */ }
  }

  function status(form, text) {
    var box = document.getElementById("send-status");
    if (box) { box.textContent = text; }
  }

  function showError(message) {
    var box = document.getElementById("text-error");
    var field = document.getElementById("text");
    if (!box) { return; }
    box.textContent = message || "";
    box.hidden = !message;
    if (field) {
      if (message) { field.setAttribute("aria-invalid", "true"); } else { field.removeAttribute("aria-invalid"); }
    }
  }

  function listSent(card) {
    var section = document.getElementById("sent-section");
    if (!section) { return; }
    var list = section.querySelector("ul.sent");
    var item = document.createElement("li");
    var words = document.createElement("span");
    words.id = "card-" + card.id;
    words.textContent = card.text;  // text, never HTML
    item.appendChild(words);
    if (section.getAttribute("data-action")) {  // the same form the page draws: take it back
      var form = document.createElement("form");
      form.method = "post";
      form.className = "withdraw";
      form.action = section.getAttribute("data-action");
      var id = document.createElement("input");
      id.type = "hidden"; id.name = "client_id"; id.value = card.id;
      var button = document.createElement("button");
      button.type = "submit"; button.className = "quiet";
      button.setAttribute("aria-describedby", words.id);
      button.textContent = section.getAttribute("data-withdraw");
      form.appendChild(id); form.appendChild(button);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(form);
    }
    list.insertBefore(item, list.firstChild);
    section.hidden = false;
    var count = document.getElementById("sent-count");
    if (count) { count.textContent = String(list.children.length); }
  }

  function post(card) {
    var body = { id: card.id, text: card.text };
    if (card.target_party) { body.target_party = card.target_party; }
    if (card.phase) { body.phase = card.phase; }
    return fetch("/api/v1/w/" + encodeURIComponent(code) + "/submissions", {
      method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body)
    });
  }

  // Worth trying again: no answer at all, 408, 429 (too fast) and 5xx (storage busy, restarting).
  function retryable(status) { return status === 408 || status === 429 || status >= 500; }

  // The queue keeps a card, with its id and its phase, until the server has it or refuses it
  // for good; then the person is told. Retries back off from 2 s to a minute.
  var flushing = false;
  var delay = 2000;
  var timer = null;
  function later() {
    if (timer) { return; }
    timer = window.setTimeout(function () { timer = null; flush(); }, delay);
    delay = Math.min(delay * 2, 60000);
  }
  function drop(card) {
    saveQueue(queue().filter(function (c) { return c.id !== card.id; }));
  }
  function refused(card, message) {
    var form = document.querySelector("form.submit");
    var template = (form && form.getAttribute("data-refused")) || "{message}";
    var text = template.replace("{message}", message || "") + " «" + card.text + "»";
    showError(text);
    if (!form) {
      var note = document.createElement("p");
      note.className = "error";
      note.setAttribute("role", "alert");
      note.textContent = text;  // text, never HTML
      document.querySelector("main").appendChild(note);
    }
  }
  function flush() {
    var items = queue();
    if (flushing || !items.length) { return; }
    flushing = true;
    var card = items[0];
    post(card).then(function (response) {
      if (retryable(response.status)) { flushing = false; later(); return; }
      return response.json().catch(function () { return {}; }).then(function (data) {
        flushing = false;
        drop(card);
        delay = 2000;
        if (response.ok) {
          listSent(card);
          var form = document.querySelector("form.submit");
          if (form) { status(form, form.getAttribute("data-sent")); }
        } else {
          refused(card, data.error && data.error.message);
        }
        flush();
      });
    }, function () { flushing = false; later(); });
  }
  window.addEventListener("online", function () { delay = 2000; flush(); });

  function enhanceForm(form) {
    var text = document.getElementById("text");
    var counter = document.getElementById("counter");
    function count() {
      if (!counter || !text) { return; }
      counter.textContent = counter.getAttribute("data-template")
        .replace("{n}", String(text.value.trim().length)).replace("{max}", counter.getAttribute("data-max"));
    }
    if (text) { text.addEventListener("input", count); count(); }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var target = form.querySelector("[name=target_party]");
      var phase = form.querySelector("[name=phase]");
      var card = { id: form.querySelector("[name=client_id]").value, text: text.value.trim(),
                   target_party: target ? target.value : null,
                   phase: phase ? parseInt(phase.value, 10) || null : null };
      function queued() {
        // Offline or the server busy: keep the card with its id (sending it again can never
        // make two) and its phase (it is never filed under another question).
        saveQueue(queue().filter(function (c) { return c.id !== card.id; }).concat([card]));
        text.value = "";
        count();
        form.querySelector("[name=client_id]").value = uuid4();
        status(form, form.getAttribute("data-queued"));
        later();
      }
      status(form, form.getAttribute("data-sending"));
      post(card).then(function (response) {
        if (retryable(response.status)) { queued(); return; }
        return response.json().then(function (data) {
          if (response.ok) {
            showError("");
            listSent(card);
            text.value = "";
            count();
            form.querySelector("[name=client_id]").value = uuid4();
            status(form, form.getAttribute("data-sent"));
          } else {
            status(form, "");
            showError(data.error && data.error.message);
          }
        });
      }, queued);
    });
  }

  // -- dots left in a vote -------------------------------------------------------------------
  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (!form || !form.classList.contains("vote")) { return; }
    var used = 0;
    Array.prototype.forEach.call(form.querySelectorAll("input[type=number]"), function (input) {
      used += parseInt(input.value, 10) || 0;
    });
    var left = document.getElementById("dots-left");
    var total = parseInt(form.getAttribute("data-dots"), 10);
    left.textContent = used > total
      ? left.getAttribute("data-over").replace("{over}", String(used - total))
      : left.getAttribute("data-template").replace("{left}", String(total - used));
  });

  function enhance() {
    var form = document.querySelector("form.submit");
    if (form) { enhanceForm(form); }
    flush();
  }
  enhance();
})();
