// Live updates for phones that run JavaScript; the page works without it.
// When the facilitator changes phase, reload — unless the participant is typing.
(function () {
  "use strict";
  var live = document.getElementById("live");
  if (!live || !window.EventSource) { return; }
  var shown = live.getAttribute("data-phase") + ":" + live.getAttribute("data-status");
  var source = new EventSource("/api/v1/w/" + encodeURIComponent(live.getAttribute("data-code")) + "/events");
  source.addEventListener("phase", function (event) {
    var data = JSON.parse(event.data);
    var phase = data.phase;
    var now = phase ? phase.id + ":" + phase.status : ":";
    if (now === shown) { return; }
    var text = document.getElementById("text");
    if (text && text.value.trim() !== "") {
      shown = now;
      return; // keep what they are writing; the server answers a late send with a clear message
    }
    window.location.replace(window.location.pathname);
  });
})();
