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

  // All questions on one page: the navigator marks the question the student is on (the one
  // focused, else the one at the top of the screen below the sticky bar), as the server marks
  // the page shown in the one-per-page layout.
  var bar = document.querySelector(".attempt-bar");
  var blocks = Array.prototype.slice.call(form.querySelectorAll("fieldset.question"));
  var onePage = document.querySelector(".quiz-nav a.nav-item[href^='#']") !== null;
  var current = null;
  var pinned = null;  // focused, or jumped to from the navigator: current while in view

  function barBottom() {
    return bar ? Math.max(0, bar.getBoundingClientRect().bottom) : 0;
  }

  function inView(block) {
    var box = block.getBoundingClientRect();
    return box.bottom > barBottom() && box.top < window.innerHeight;
  }

  function atTopOfScreen() {
    var top = barBottom();
    var line = top + (window.innerHeight - top) / 4;
    var atBottom = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
    var chosen = blocks[0];
    blocks.forEach(function (block) {
      var box = block.getBoundingClientRect();
      if (box.top <= line || (atBottom && box.top < window.innerHeight)) { chosen = block; }
    });
    return chosen;
  }

  function keepInNavigator(item) {
    var list = item.closest(".quiz-nav-list");
    if (!list || item.offsetParent !== list || list.scrollWidth <= list.clientWidth) { return; }
    var left = item.offsetLeft;
    if (left < list.scrollLeft || left + item.offsetWidth > list.scrollLeft + list.clientWidth) {
      list.scrollLeft = left - (list.clientWidth - item.offsetWidth) / 2;
    }
  }

  function markCurrent() {
    var block = pinned && inView(pinned) ? pinned : atTopOfScreen();
    if (block !== pinned) { pinned = null; }
    if (!block || block === current) { return; }
    [current, block].forEach(function (each, index) {
      if (!each) { return; }
      var item = navItem(each.dataset.position);
      if (!item) { return; }
      item.classList.toggle("current", index === 1);
      if (index === 1) { item.setAttribute("aria-current", "step"); keepInNavigator(item); }
      else { item.removeAttribute("aria-current"); }
      describe(item);
    });
    current = block;
  }

  if (onePage && blocks.length) {
    var scheduled = false;
    var later = function () {
      if (scheduled) { return; }
      scheduled = true;
      window.requestAnimationFrame(function () { scheduled = false; markCurrent(); });
    };
    form.addEventListener("focusin", function (event) {
      var block = event.target.closest("fieldset.question");
      if (block) { pinned = block; markCurrent(); }
    });
    var pinTarget = function (hash) {
      var block = hash ? document.getElementById(hash.slice(1)) : null;
      if (block && blocks.indexOf(block) !== -1) { pinned = block; }
    };
    document.querySelector(".quiz-nav").addEventListener("click", function (event) {
      var link = event.target.closest("a.nav-item");
      if (link) { pinTarget(link.hash); later(); }  // after the browser has scrolled to it
    });
    pinTarget(window.location.hash);  // arrived from the summary's "Answer question N"
    window.addEventListener("scroll", later, { passive: true });
    window.addEventListener("resize", later);
    var legend = document.querySelector(".nav-legend-current");
    if (legend) { legend.hidden = false; }
    markCurrent();
  }

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
