// Live preview and remembered entries. The form works without this file: its buttons submit it.
(function () {
  "use strict";
  var form = document.getElementById("document-form");
  if (!form || !window.fetch) { return; }
  var STORE = "jdbuilder-form";
  var frame = document.getElementById("preview");
  var status = document.getElementById("status");
  var errorBox = document.getElementById("error");
  var list = document.getElementById("findings-list");
  var figures = document.getElementById("figures");
  var notesList = document.getElementById("notes-list");
  var notesCount = document.getElementById("notes-count");
  var titleNote = document.getElementById("title-note");
  var timer = null;
  var sequence = 0;

  function remembered() {
    try { return JSON.parse(window.localStorage.getItem(STORE) || "{}"); } catch (e) { return {}; }
  }

  function remember() {
    var saved = {};
    form.querySelectorAll("[data-remember], #job, #level, [name=kind]").forEach(function (field) {
      if (field.type === "radio") { if (field.checked) { saved[field.name] = field.value; } }
      else { saved[field.name] = field.value; }
    });
    try { window.localStorage.setItem(STORE, JSON.stringify(saved)); } catch (e) { /* private mode */ }
  }

  function restore() {
    var saved = remembered();
    Object.keys(saved).forEach(function (name) {
      form.querySelectorAll("[name='" + name + "']").forEach(function (field) {
        if (field.type === "radio") { field.checked = field.value === saved[name]; }
        else if (field.tagName !== "BUTTON") { field.value = saved[name]; }
      });
    });
  }

  function query() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (name === "kind" || !String(value).trim()) { return; }
      if (name === "job") {
        // "residence-life/contributing" is that level's title, at whatever level is chosen.
        params.set("specialization", String(value).split("/")[0]);
      } else { params.set(name, value); }
    });
    var picked = form.querySelector("#job option:checked");
    if (picked && picked.dataset.title && !params.get("title")) {
      params.set("title", picked.dataset.title);
    }
    return params;
  }

  function kind() {
    var checked = form.querySelector("[name=kind]:checked");
    return checked ? checked.value : "posting";
  }

  function item(finding) {
    var li = document.createElement("li");
    li.className = finding.severity;
    if (finding.severity !== "info") {
      var severity = document.createElement("span");
      severity.className = "severity";
      severity.textContent = finding.severity;
      li.append(severity, " ");
    }
    li.append(finding.message);
    if (finding.quote) {
      var quote = document.createElement("q");
      quote.textContent = finding.quote;
      li.append(" ", quote);
    }
    if (finding.field) {
      var fix = document.createElement("a");
      fix.className = "fix";
      fix.href = "#f-" + finding.field;
      fix.dataset.field = "f-" + finding.field;
      fix.textContent = "Fix in: " + finding.label;
      li.append(" ", fix);
    }
    return li;
  }

  function show(data) {
    frame.srcdoc = data.html;
    var main = data.findings.filter(function (p) { return p.severity !== "info"; });
    var notes = data.findings.filter(function (p) { return p.severity === "info"; });
    list.replaceChildren.apply(list, main.length ? main.map(item) : [
      Object.assign(document.createElement("li"), {className: "none", textContent: "No errors or warnings."})]);
    notesList.replaceChildren.apply(notesList, notes.map(item));
    var titled = data.findings.filter(function (p) { return p.code === "title-level"; })[0];
    titleNote.hidden = !titled;
    titleNote.textContent = titled ? titled.message : "";
    notesCount.textContent = String(notes.length);
    var f = data.figures || {};
    figures.textContent = f.words ? f.words.toLocaleString("en-US") + " words; reading ease " +
      f.flesch_reading_ease + "; " + f.masculine_coded + " masculine- and " + f.feminine_coded +
      " feminine-coded words" : "";
    errorBox.hidden = true;
    errorBox.textContent = "";
    status.textContent = "Preview updated: " + data.title + " (" +
      counted(main.length, "error or warning", "errors and warnings") + ", " +
      counted(notes.length, "note", "notes") + ")";
  }

  // The posting or PD as an applicant tracking system's fields, each with a copy button.
  var ats = document.getElementById("ats");
  var atsFields = document.getElementById("ats-fields");

  function copy(text, button) {
    var done = function () { button.textContent = "Copied"; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text.value).then(done, function () { text.select(); });
    } else { text.select(); if (document.execCommand("copy")) { done(); } }
  }

  function atsField(id, field) {
    var box = document.createElement("div");
    box.className = "ats-field";
    var label = document.createElement("label");
    label.htmlFor = "ats-" + id;
    label.textContent = field.label;
    var text = document.createElement("textarea");
    text.id = "ats-" + id;
    text.readOnly = true;
    text.rows = Math.min(8, field.text.split("\n").length + 1);
    text.value = field.text;
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy " + field.label);
    button.addEventListener("click", function () { copy(text, button); });
    box.append(label, text, button);
    return box;
  }

  function updateFields(mine) {
    var chosen = kind();
    if (!ats || (chosen !== "posting" && chosen !== "description")) {
      if (ats) { ats.hidden = true; }
      return;
    }
    var address = ats.dataset.fields.replace("KIND", encodeURIComponent(chosen));
    var params = query();
    params.set("format", "fields");
    fetch(address + "?" + params.toString(), {headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (mine !== sequence || !data || !data.fields) { return; }
        atsFields.replaceChildren.apply(atsFields, Object.keys(data.fields).map(function (id) {
          return atsField(id, data.fields[id]);
        }));
        ats.hidden = false;
      }).catch(function () { /* the preview says when the server is gone */ });
  }

  function counted(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function update() {
    var mine = ++sequence;
    status.textContent = "Updating the preview…";
    // The address comes from the server, so the page also works under a proxy's path prefix.
    var address = form.dataset.preview.replace("KIND", encodeURIComponent(kind()));
    fetch(address + "?" + query().toString(), {
      headers: {"Accept": "application/json"}
    }).then(function (response) {
      return response.json().then(function (data) { return {ok: response.ok, data: data}; });
    }).then(function (answer) {
      if (mine !== sequence) { return; }  // a newer request is on its way
      if (answer.ok) { show(answer.data); updateFields(mine); return; }
      errorBox.textContent = answer.data.error;
      errorBox.hidden = false;
      status.textContent = "The preview was not updated.";
    }).catch(function () {
      if (mine !== sequence) { return; }
      errorBox.textContent = "Error: the server did not answer; is jdbuilder serve still running?";
      errorBox.hidden = false;
    });
  }

  function changed() {
    remember();
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 350);
  }

  // Only the fields the chosen kind uses are shown (and sent).
  function showFields() {
    var chosen = kind();
    form.querySelectorAll(".field[data-kinds]").forEach(function (box) {
      var kinds = box.dataset.kinds.split(" ").filter(Boolean);
      var shown = !kinds.length || kinds.indexOf(chosen) >= 0;
      box.hidden = !shown;
      box.querySelectorAll("input, select, textarea").forEach(function (field) {
        field.disabled = !shown;
      });
    });
  }

  // "Fix in: <field>" moves the keyboard focus to that field (showing it first if need be).
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.fix") : null;
    if (!link) { return; }
    var field = document.getElementById(link.dataset.field);
    if (!field) { return; }
    event.preventDefault();
    var details = field.closest("details");
    if (details) { details.open = true; }
    field.scrollIntoView({block: "center"});
    field.focus();
  });

  form.addEventListener("change", function (event) {
    if (event.target.name === "kind") { showFields(); }
  });
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function (event) {
    // Downloads go through (the server sends the file); "Update the preview" stays on the page.
    if (!event.submitter || event.submitter.name !== "download") {
      event.preventDefault();
      update();
    }
    remember();
  });
  if (!window.location.search) {
    restore();
    showFields();
    if (Object.keys(remembered()).length) { update(); }
  }
}());
