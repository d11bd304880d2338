// SPDX-License-Identifier: AGPL-3.0-or-later
// The editor's own tab shows the project's checks: each preview asks
// /admin/check (the same code as `invoke orgs-check` and the build) about the
// entry as it is in the form, and lists the problems in plain words.
(function () {
  var params = new URLSearchParams(location.search);
  // ?lang=uk for a Ukrainian editor; remembered for the next visit.
  var locale = params.get("lang") || localStorage.getItem("signposter-editor-lang") || "en";
  localStorage.setItem("signposter-editor-lang", locale);
  var h = window.h;

  var words = {
    en: { ok: "No problems found: this can be saved.", title: "Problems to fix before saving",
          checking: "Checking…", line: "line" },
    uk: { ok: "Проблем не знайдено: це можна зберегти.", title: "Що виправити перед збереженням",
          checking: "Перевірка…", line: "рядок" },
  };
  var say = words[locale] || words.en;

  function Checked(collection) {
    return window.createClass({
      getInitialState: function () { return { problems: null, sent: "" }; },
      componentDidMount: function () { this.check(); },
      componentDidUpdate: function () { this.check(); },
      check: function () {
        var data = this.props.entry.get("data").toJS();
        var sent = JSON.stringify(data);
        if (sent === this.state.sent) return;
        this.setState({ sent: sent });
        var self = this;
        fetch("/admin/check", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ collection: collection, data: data }),
        }).then(function (r) { return r.json(); })
          .then(function (problems) { self.setState({ problems: problems }); });
      },
      render: function () {
        var problems = this.state.problems;
        var report;
        if (problems === null) {
          report = h("p", { role: "status" }, say.checking);
        } else if (!problems.length) {
          report = h("p", { role: "status", className: "sp-ok" }, say.ok);
        } else {
          report = h("div", { role: "alert", className: "sp-problems" },
            h("h2", {}, say.title),
            h("ul", {}, problems.map(function (p, i) {
              return h("li", { key: i },
                h("strong", {}, p.field + ": "), p.message, p.fix ? " — " + p.fix : "");
            })));
        }
        var body = collection === "pages" ? this.props.widgetFor("body") : null;
        return h("div", { className: "sp-preview" }, report,
          collection === "pages" ? h("h1", {}, this.props.entry.getIn(["data", "title"])) : null,
          body);
      },
    });
  }

  CMS.registerPreviewStyle(
    ".sp-problems{border:3px solid #b00020;padding:1em;color:#300}" +
    ".sp-ok{border:3px solid #1b5e20;padding:1em}" +
    "body{font:18px/1.5 system-ui,sans-serif;padding:1em}"
  , { raw: true });
  CMS.registerPreviewTemplate("organisations", Checked("organisations"));
  CMS.registerPreviewTemplate("pages", Checked("pages"));
  CMS.init({ config: { locale: locale } });
})();
