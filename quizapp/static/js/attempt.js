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
    var timeUp = document.createElement("input");
    timeUp.type = "hidden";
    timeUp.name = "time_up";  // what is saved counts, even an incomplete order
    timeUp.value = "1";
    form.appendChild(timeUp);
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
  var TYPING_PAUSE_MS = 700;

  function answerData(block) {
    var data = new FormData();
    data.append("csrf_token", form.querySelector("input[name=csrf_token]").value);
    block.querySelectorAll("input, select").forEach(function (field) {
      if (!field.name || field.disabled) { return; }
      if ((field.type === "radio" || field.type === "checkbox") && !field.checked) { return; }
      data.append(field.name, field.value);
    });
    return data;
  }

  // What a refused save means for the student, from the server's answer.
  function explain(response, result) {
    if (response.redirected || response.status === 401) {
      return "Not saved: You were logged out. Log in again in another tab, then change the " +
        "answer again.";
    }
    if (result && result.message) { return "Not saved: " + result.message; }
    return "Not saved: the server could not save this answer (error " + response.status +
      "). Your answer stays on this page; try again in a moment.";
  }

  // One save at a time per question, always of its latest answer: saves cannot land out of order.
  function saver(block) {
    var status = block.querySelector(".autosave-status");
    var state = { sending: false, again: false, dirty: false, timer: null };

    function send() {
      window.clearTimeout(state.timer);
      if (state.sending) { state.again = true; status.textContent = "Saving…"; return; }
      state.sending = true;
      state.dirty = false;
      status.textContent = "Saving…";
      fetch(url, {
        method: "POST",
        body: answerData(block),
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      })
        .then(function (response) {
          var json = (response.headers.get("Content-Type") || "").indexOf("json") !== -1;
          return (json ? response.json() : Promise.resolve(null)).then(function (result) {
            var saved = response.ok && !response.redirected && result && result.saved;
            if (!saved) { status.textContent = explain(response, result); }
            else if (!state.again) { status.textContent = "Saved."; }
          });
        })
        .catch(function () {
          status.textContent = "Not saved: the server could not be reached. Your answer stays " +
            "on this page and is saved with your next change.";
        })
        .then(function () {
          state.sending = false;
          if (state.again) { state.again = false; send(); }
        });
    }

    return {
      now: send,
      soon: function () {
        state.dirty = true;
        window.clearTimeout(state.timer);
        state.timer = window.setTimeout(send, TYPING_PAUSE_MS);
      },
      // Leaving the page: a typed answer not yet sent goes out in a beacon.
      flush: function () {
        if (!state.dirty) { return; }
        window.clearTimeout(state.timer);
        state.dirty = false;
        navigator.sendBeacon(url, answerData(block));
      }
    };
  }

  var savers = [];
  form.querySelectorAll("fieldset.question").forEach(function (block) {
    var save = saver(block);
    savers.push(save);
    block.addEventListener("change", function () { save.now(); });
    block.addEventListener("input", function (event) {
      if (event.target.type === "text") { save.soon(); }
    });
    block.addEventListener("answerchange", function () { save.now(); });
  });
  window.addEventListener("pagehide", function () {
    if (submitted) { return; }
    savers.forEach(function (save) { save.flush(); });
  });
  form.addEventListener("submit", function () { submitted = true; });
})();
