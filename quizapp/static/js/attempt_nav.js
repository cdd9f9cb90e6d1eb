// The attempt's navigator and flags: "Flag for review" without reloading the page, and the
// navigator's answered marks and answered count following what the student fills in. Without
// this script the same buttons submit the form, which saves and reloads.
(function () {
  "use strict";
  var form = document.getElementById("attempt-form");
  if (!form) { return; }
  var token = form.querySelector("input[name=csrf_token]").value;
  var announcer = form.querySelector(".flag-status");

  function navItem(position) {
    return document.querySelector(".nav-item[data-position='" + position + "']");
  }

  function describe(item) {
    var answered = item.classList.contains("answered");
    var flagged = item.classList.contains("flagged");
    var status = item.querySelector(".nav-status");
    var here = item.classList.contains("current") ? ", shown now" : "";
    status.textContent = ": " + (answered ? "answered" : "not answered") +
      (flagged ? ", flagged for review" : "") + here;
    item.querySelector(".nav-mark").textContent = (answered ? "\u2713" : "\u00b7") + (flagged ? "\u2691" : "");
  }

  function hasAnswer(block) {
    return Array.prototype.some.call(block.querySelectorAll("input, select"), function (field) {
      if (!field.name || field.type === "hidden" || field.type === "submit") { return false; }
      if (field.type === "radio" || field.type === "checkbox") { return field.checked; }
      return field.value.trim() !== "";
    });
  }

  function updateCount() {
    var count = document.getElementById("answered-count");
    if (count) { count.textContent = document.querySelectorAll(".nav-item.answered").length; }
  }

  form.querySelectorAll("fieldset.question").forEach(function (block) {
    var refresh = function () {
      var item = navItem(block.dataset.position);
      if (!item) { return; }
      item.classList.toggle("answered", hasAnswer(block));
      describe(item);
      updateCount();
    };
    block.addEventListener("change", refresh);
    block.addEventListener("input", refresh);
    block.addEventListener("answerchange", refresh);  // the ordering list sets its selects itself
  });

  function showFlag(button, flagged) {
    var position = button.dataset.position;
    button.value = (flagged ? "unflag-" : "flag-") + position;
    button.innerHTML = "";
    button.appendChild(document.createTextNode(flagged ? "Remove flag" : "Flag for review"));
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = flagged ? " from question " + position : ": question " + position;
    button.appendChild(hidden);
    var note = document.querySelector("#q" + position + "-block .flag-note");
    if (note) { note.hidden = !flagged; }
    var item = navItem(position);
    if (item) { item.classList.toggle("flagged", flagged); describe(item); }
    announcer.textContent = "Question " + position + (flagged ? " flagged for review." : ": flag removed.");
  }

  form.querySelectorAll(".flag-toggle").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var flagged = button.value.indexOf("flag-") === 0;
      var data = new FormData();
      data.append("csrf_token", token);
      data.append("flagged", flagged ? "1" : "0");
      fetch(button.dataset.flagUrl, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) {
          return response.json().then(
            function (result) { return { ok: response.ok, result: result }; },
            function () {
              // Not JSON: an expired session or form token answers with a page instead.
              return { ok: false, result: { message: "The flag was not saved (error " +
                response.status + "). Reload the page and try again." } };
            });
        })
        .then(function (reply) {
          if (reply.ok) { showFlag(button, reply.result.flagged); }
          else { announcer.textContent = reply.result.message; }
        })
        .catch(function () {
          announcer.textContent = "The flag was not saved: the server could not be reached.";
        });
    });
  });
})();
