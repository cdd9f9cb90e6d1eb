// Review page shortcuts: Space shows the answer in place, 1-4 rate the card (in choose mode,
// pick an option), Ctrl+Z (or Cmd+Z) undoes the last rating.
// Without this script the page still works: "Show answer" is a link to the answer page and the
// ratings are ordinary submit buttons.
(function () {
  "use strict";

  var undoForm = document.getElementById("undo-form");
  var undoing = false;

  // Undo works on the "nothing left" page too, so it is wired before the card check.
  document.addEventListener("keydown", function (event) {
    var isUndo = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey &&
      (event.key === "z" || event.key === "Z");
    var target = event.target;
    if (!isUndo || !undoForm || undoing || event.repeat) {
      return;
    }
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    event.preventDefault();
    undoing = true;
    if (undoForm.requestSubmit) {
      undoForm.requestSubmit();
    } else {
      undoForm.submit();
    }
  });

  // Choose mode: 1-4 pick an option and check it at once (without the script, the radios and
  // the Check button do the same from the keyboard).
  var chooseForm = document.querySelector('[data-review-mode="choose"] form');
  if (chooseForm) {
    var chosen = false;
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.repeat || chosen) {
        return;
      }
      var option = /^[1-4]$/.test(event.key) &&
        chooseForm.querySelector('input[aria-keyshortcuts="' + event.key + '"]');
      if (!option) {
        return;
      }
      event.preventDefault();
      option.checked = true;
      chosen = true;
      if (chooseForm.requestSubmit) {
        chooseForm.requestSubmit();
      } else {
        chooseForm.submit();
      }
    });
  }

  var review = document.querySelector("[data-review]");
  if (!review) {
    return;
  }
  var back = document.getElementById("card-back");
  var form = document.getElementById("rating-form");
  var showAnswer = document.getElementById("show-answer");
  var submitted = false;

  function isRevealed() {
    return !form.hidden;
  }

  function reveal() {
    back.hidden = false;
    form.hidden = false;
    if (showAnswer) {
      showAnswer.parentElement.hidden = true;
    }
    // Move focus to the answer so screen readers read it next.
    document.getElementById("back-heading").focus();
  }

  function rate(value) {
    var button = form.querySelector('button[data-rating="' + value + '"]');
    if (!button || submitted) {
      return;
    }
    if (form.requestSubmit) {
      form.requestSubmit(button);
    } else {
      button.click();
    }
  }

  if (showAnswer) {
    showAnswer.addEventListener("click", function (event) {
      event.preventDefault();
      reveal();
    });
  }

  // One rating per page: a double press must not post twice (the server would refuse the
  // second one anyway, with a message).
  form.addEventListener("submit", function (event) {
    if (submitted) {
      event.preventDefault();
      return;
    }
    submitted = true;
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) {
      return;
    }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    if (event.key === " " || event.key === "Spacebar") {
      if (!isRevealed()) {
        event.preventDefault();
        reveal();
      }
      return;
    }
    if (/^[1-4]$/.test(event.key) && isRevealed()) {
      event.preventDefault();
      rate(event.key);
    }
  });
})();
