// Ordering questions as a list to rearrange: drag an item, or move it with its Up and Down
// buttons (keyboard and touch). The position selects stay in the form, hidden, and are set from
// the list, so the form sends the same fields as without JavaScript.
(function () {
  "use strict";

  function itemName(select) {
    return document.querySelector("label[for='" + select.id + "']").textContent.trim();
  }

  // The items in the order their selects give, when every position is set once; else as shown.
  function startingOrder(selects) {
    var values = selects.map(function (select) { return select.value; });
    var complete = values.every(function (value, index) {
      return value !== "" && values.indexOf(value) === index;
    });
    if (!complete) { return selects.slice(); }
    return selects.slice().sort(function (a, b) { return Number(a.value) - Number(b.value); });
  }

  function button(text, item) {
    var control = document.createElement("button");
    control.type = "button";
    control.className = "reorder-button";
    control.textContent = text;
    control.setAttribute("aria-label", text + ": " + item);  // starts with the visible text
    return control;
  }

  function enhance(list) {
    var selects = Array.prototype.slice.call(list.querySelectorAll("select"));
    if (!selects.length || selects[0].disabled) { return; }  // a checked question stays as is
    var block = list.closest("fieldset");
    var hint = block.querySelector(".hint");
    var reorder = document.createElement("ol");
    reorder.className = "reorder";
    if (hint) { reorder.setAttribute("aria-describedby", hint.id); }
    var announcer = document.createElement("p");
    announcer.className = "visually-hidden";
    announcer.setAttribute("aria-live", "polite");
    var dragged = null;

    function rows() { return Array.prototype.slice.call(reorder.children); }

    // The list is the answer: every select takes its item's place in it.
    function commit(row, focusOn) {
      rows().forEach(function (each, index) { each.select.value = String(index + 1); });
      if (focusOn) { focusOn.focus(); }
      announcer.textContent = "Moved " + row.item + " to position " +
        (rows().indexOf(row) + 1) + " of " + selects.length + ".";
      block.dispatchEvent(new Event("answerchange"));
    }

    function move(row, step, focusOn) {
      var all = rows();
      var target = all.indexOf(row) + step;
      if (target < 0 || target >= all.length) {
        announcer.textContent = row.item + " is already " + (step < 0 ? "first." : "last.");
        return;
      }
      reorder.insertBefore(row, step < 0 ? all[target] : all[target].nextSibling);
      commit(row, focusOn);
    }

    startingOrder(selects).forEach(function (select) {
      var row = document.createElement("li");
      row.select = select;
      row.item = itemName(select);
      row.draggable = true;
      var text = document.createElement("span");
      text.className = "reorder-item";
      text.textContent = row.item;
      var up = button("Up", row.item);
      var down = button("Down", row.item);
      up.addEventListener("click", function () { move(row, -1, up); });
      down.addEventListener("click", function () { move(row, 1, down); });
      row.addEventListener("dragstart", function (event) {
        dragged = row;
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", row.item);
      });
      row.addEventListener("dragover", function (event) { event.preventDefault(); });
      row.addEventListener("drop", function (event) {
        event.preventDefault();
        if (!dragged || dragged === row) { return; }
        var before = rows().indexOf(dragged) > rows().indexOf(row);
        reorder.insertBefore(dragged, before ? row : row.nextSibling);
        commit(dragged, null);
        dragged = null;
      });
      row.append(text, up, down);
      reorder.appendChild(row);
    });
    list.hidden = true;
    list.after(reorder, announcer);
    if (hint) {
      hint.textContent = hint.textContent.replace("Give each item its position",
        "Put the items in order") + " Drag an item, or use its Up and Down buttons.";
    }
  }

  document.querySelectorAll("ol.ordering").forEach(enhance);
})();
