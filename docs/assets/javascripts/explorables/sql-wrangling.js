/* SQL and data wrangling: step through the sessionisation query's window functions, one row at a
 * time, for one customer's whole history, at three session timeouts. Data: the rows the query
 * returned in snippets/sql-wrangling/sessionisation.py (sql-wrangling/session_gaps).
 */
(window.mlExplorablesQueue = window.mlExplorablesQueue || []).push([
  "sql-wrangling/session_gaps",
  function (root, data, ui) {
    "use strict";
    var h = ui.h;
    var n = data.event_time.length;
    var rowNumbers = data.event_time.map(function (_, i) { return i + 1; });
    var DASH = "\u2013";

    var timeout = ui.select({
      name: "timeout", label: "Session timeout ($gap_minutes)",
      options: data.timeouts.map(function (m, k) { return [String(m), data.labels[k]]; }),
      value: String(data.timeouts[0]), onChange: update
    });
    var control = ui.slider({
      name: "row", label: "Row in window order", values: rowNumbers, index: 1,
      format: function (v) { return v + " of " + n; }, onChange: update
    });

    var sql = h("pre", { class: "explorable-sql" }, [
      h("code", { tabindex: 0, "aria-label": "The query", text: data.sql })
    ]);
    var params = h("p", { class: "explorable-hint" });

    var caption = h("caption");
    var rows = data.event_time.map(function (_, i) {
      return h("tr", { style: "white-space: nowrap" }, [
        h("th", { scope: "row", text: data.event_time[i] }),
        h("td", { text: data.prev_time[i] === null ? "NULL" : data.prev_time[i] }),
        h("td", { text: data.gap_minutes[i] === null ? "NULL" : ui.fmt(data.gap_minutes[i], 1) }),
        h("td", { "data-column": "is_new_session" }),
        h("td", { "data-column": "session_no" })
      ]);
    });
    // Set a little tighter than the shared table style, so the five columns fit the text width.
    var table = h("table", { class: "explorable-table", style: "font-size: 0.85em" }, [
      caption,
      h("thead", {}, [h("tr", {}, ["event_time", "prev_time", "gap_minutes",
        "is_new_session", "session_no"].map(function (name) {
        return h("th", { scope: "col", text: name });
      }))]),
      h("tbody", {}, rows)
    ]);
    Array.prototype.forEach.call(table.querySelectorAll("th, td"), function (cell) {
      cell.style.padding = "0.25em 0.5em";
    });
    var wrap = h("div", {
      class: "explorable-table-wrap", tabindex: 0, role: "region",
      "aria-label": "Result rows, scrollable"
    }, [table]);

    var numbers = ui.readout([
      ["event_time", "event_time"],
      ["prev_time", "prev_time (LAG)"],
      ["gap", "gap_minutes"],
      ["exceeds", "Gap over the timeout?"],
      ["flag", "is_new_session"],
      ["session", "session_no (running SUM)"],
      ["sessions", "Sessions after GROUP BY"]
    ]);
    // Two columns that may wrap on a phone (the shared style sizes both to their content).
    numbers.element.style.gridTemplateColumns = "minmax(0, auto) minmax(0, auto)";
    var status = ui.announcer();

    function update() {
      var k = data.timeouts.indexOf(Number(timeout.value()));
      var limit = data.timeouts[k];
      var flags = data.is_new_session[k], sessions = data.session_no[k];
      var i = control.index();
      caption.textContent = "Rows of numbered for customer " + data.customer + ", timeout " +
        data.labels[k];
      params.textContent = "Run with $gap_minutes = " + limit + " and $customer = '" +
        data.customer + "': the customer's whole history, " + n + " events.";
      rows.forEach(function (row, j) {
        var cells = row.children;
        cells[3].textContent = String(flags[j]);
        cells[4].textContent = String(sessions[j]);
        row.classList.toggle("explorable-current", j === i);
        if (j === i) row.setAttribute("aria-current", "true");
        else row.removeAttribute("aria-current");
        // A rule above each row that starts a session.
        var edge = j > 0 && flags[j] === 1 ? "0.15rem solid var(--md-default-fg-color--light)" : "";
        Array.prototype.forEach.call(cells, function (cell) { cell.style.borderTop = edge; });
      });
      var gap = data.gap_minutes[i];
      var exceeds = gap === null ? "no previous event: prev_time IS NULL" :
        flags[i] === 1 ? "yes: " + ui.fmt(gap, 1) + " > " + ui.fmt(limit) :
        "no: " + ui.fmt(gap, 1) + " \u2264 " + ui.fmt(limit);
      numbers.set({
        event_time: data.event_time[i],
        prev_time: data.prev_time[i] === null ? "NULL" : data.prev_time[i],
        gap: gap === null ? "NULL" : ui.fmt(gap, 1),
        exceeds: exceeds,
        flag: String(flags[i]),
        session: ui.fmt(sessions[i]) + " (sum over rows 1" + DASH + (i + 1) + ")",
        sessions: ui.fmt(data.sessions[k]) + " of " + n + " events"
      });
      status.say("Row " + (i + 1) + ": " + exceeds + ", is_new_session " + flags[i] +
        ", session_no " + sessions[i] + "; " + data.sessions[k] + " sessions in all.");
    }

    ui.frame(root, "Try it: step through the window functions",
      "Move through the rows: LAG brings the previous event's time, a gap over the timeout " +
      "sets is_new_session to 1, and the running SUM of those flags is session_no. Then change " +
      "the timeout: at 30 minutes almost every Lumen event is a session of its own.",
      [sql, params, h("div", { class: "explorable-controls" }, [timeout.element, control.element]),
       h("div", { class: "explorable-columns" }, [wrap, numbers.element]), status.element]);
    update();
  }
]);
if (window.mlExplorables) window.mlExplorables.mountAll();
