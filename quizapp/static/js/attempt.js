// The attempt page: a countdown (display only: the server owns the deadline), announcements for
// screen readers at a few moments, autosave of each question as it changes, and submission at zero.
(function () {
  "use strict";
  var form = document.getElementById("attempt-form");
  if (!form) { return; }

  var countdown = document.getElementById("countdown");
  var announcer = document.getElementById("countdown-announcer");
  var ANNOUNCE_AT = [600, 300, 120, 60, 30, 10];
  var submitted = false;

  function submitAttempt() {
    if (submitted) { return; }
    submitted = true;
    var action = document.createElement("input");
    action.type = "hidden";
    action.name = "action";
    action.value = "submit";
    form.appendChild(action);
    form.submit();
  }

  function format(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function spoken(seconds) {
    if (seconds >= 60) {
      var minutes = Math.round(seconds / 60);
      return minutes + (minutes === 1 ? " minute" : " minutes") + " left.";
    }
    return seconds + " seconds left.";
  }

  if (countdown) {
    var deadline = Date.parse(countdown.dataset.deadline);
    // The page states the server's clock; the difference corrects a wrong clock on this device.
    var skew = Date.parse(countdown.dataset.serverNow) - Date.now();
    var announced = {};
    var tick = function () {
      var left = Math.max(0, Math.round((deadline - (Date.now() + skew)) / 1000));
      countdown.textContent = format(left);
      ANNOUNCE_AT.forEach(function (mark) {
        if (left <= mark && left > mark - 5 && !announced[mark]) {
          announced[mark] = true;
          announcer.textContent = spoken(left);
        }
      });
      if (left <= 0) {
        announcer.textContent = "Time is up. Submitting your answers.";
        window.clearInterval(timer);
        submitAttempt();
      }
    };
    var timer = window.setInterval(tick, 1000);
    tick();
  }

  var url = form.dataset.autosaveUrl;
  var token = form.querySelector("input[name=csrf_token]").value;

  function autosave(block) {
    var data = new FormData();
    data.append("csrf_token", token);
    block.querySelectorAll("input, select").forEach(function (field) {
      if (!field.name || field.disabled) { return; }
      if ((field.type === "radio" || field.type === "checkbox") && !field.checked) { return; }
      data.append(field.name, field.value);
    });
    var status = block.querySelector(".autosave-status");
    fetch(url, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (result) {
        status.textContent = result.saved ? "Saved." : result.message;
      })
      .catch(function () {
        status.textContent = "Not saved: check your connection. Your answer stays on this page.";
      });
  }

  form.querySelectorAll("fieldset.question").forEach(function (block) {
    block.addEventListener("change", function () { autosave(block); });
  });
  form.addEventListener("submit", function () { submitted = true; });
})();
