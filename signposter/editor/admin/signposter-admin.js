// SPDX-License-Identifier: AGPL-3.0-or-later
// The editor's own tab shows the project's checks: each preview asks
// /admin/check (the same code as `invoke orgs-check` and the build) about the
// entry as it is in the form, and lists the problems in plain words. A page's
// preview also shows each language's translation state (/admin/status, the
// code of `invoke status`) and marks a translation done (/admin/translated,
// the code of `invoke translated`).
(function () {
  function meta(name) {
    var found = document.querySelector('meta[name="' + name + '"]');
    return found ? found.content : "";
  }
  // Every request to the editor's server carries the token of this page: a
  // POST without it (from another website) is refused.
  var token = meta("signposter-token");
  var defaultLang = meta("signposter-default-lang") || "en";
  var params = new URLSearchParams(location.search);
  // ?lang=uk for a Ukrainian editor; otherwise SIGNPOSTER_EDITOR_LOCALE.
  var locale = params.get("lang") || meta("signposter-locale") || "en";
  var h = window.h;

  var words = {
    en: { ok: "No problems found: this can be saved.", title: "Problems to fix before saving",
          checking: "Checking…", translations: "Translations (as saved)",
          language: "Language", state: "State", mark: "Mark as translated",
          marked: "Marked as translated. Reloading the editor so that the form has the new stamp…",
          states: { source: "the text translated from", ok: "up to date",
                    outdated: "the source changed since this was marked as translated",
                    missing: "not written yet", mismatch: "a number, email or web address differs from the source",
                    script: "mostly not in the language's script", fallback: "not needed: readers see the source" } },
    uk: { ok: "Проблем не знайдено: це можна зберегти.", title: "Що виправити перед збереженням",
          checking: "Перевірка…", translations: "Переклади (як збережено)",
          language: "Мова", state: "Стан", mark: "Позначити як перекладене",
          marked: "Позначено як перекладене. Редактор перезавантажується, щоб форма мала нову позначку…",
          states: { source: "текст, з якого перекладають", ok: "актуальний",
                    outdated: "оригінал змінився після позначки «перекладено»",
                    missing: "ще не написаний", mismatch: "номер, email або вебадреса відрізняється від оригіналу",
                    script: "здебільшого не тим письмом", fallback: "не потрібен: читачі бачать оригінал" } },
  };
  var say = words[locale] || words.en;

  function post(path, body) {
    return fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Signposter-Token": token },
      body: JSON.stringify(body),
    }).then(function (r) {
      if (!r.ok) throw new Error(path + ": " + r.status);
      return r.json();
    });
  }

  // Organisations: YAML whose name may be plain text or one per language.
  // The form always has one box per language; plain text is the default
  // language's, and a name given only in it is written as plain text again
  // (the editor's server then rewrites the file in the project's style).
  CMS.registerCustomFormat("signposter-organisation", "yaml", {
    fromFile: function (text) {
      var data = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }) || {};
      if (typeof data.name === "string") {
        var name = {};
        name[defaultLang] = data.name;
        data.name = name;
      }
      return data;
    },
    toFile: function (data) {
      var name = data.name;
      if (name && typeof name === "object") {
        var given = Object.keys(name).filter(function (k) { return name[k]; });
        if (given.length === 1 && given[0] === defaultLang) data.name = name[defaultLang];
      }
      return jsyaml.dump(data, { lineWidth: -1 });
    },
  });

  // A page's languages and their translation states, from the saved files.
  var Translations = window.createClass({
    getInitialState: function () { return { pages: null, message: "", refused: false }; },
    componentDidMount: function () {
      this.load();
      saved.push(this.load);
    },
    componentWillUnmount: function () {
      saved.splice(saved.indexOf(this.load), 1);
    },
    load: function () {
      var self = this;
      post("/admin/status", { key: this.props.slug })
        .then(function (pages) { self.setState({ pages: pages }); });
    },
    mark: function (lang) {
      var self = this;
      post("/admin/translated", { key: this.props.slug, lang: lang }).then(function (answer) {
        if (answer.stamped) {
          self.setState({ message: say.marked, refused: false });
          self.load();
          // The form still holds the old stamp and would write it back.
          setTimeout(function () { location.reload(); }, 1500);
        } else {
          self.setState({ message: answer.message, refused: true });
        }
      });
    },
    render: function () {
      var self = this;
      var pages = this.state.pages;
      if (!pages || !pages.length) return null;
      var rows = pages.map(function (p) {
        var markable = ["outdated", "mismatch", "script"].indexOf(p.status) >= 0;
        return h("tr", { key: p.lang, className: "sp-" + p.status },
          h("th", { scope: "row" }, p.lang),
          h("td", {}, h("strong", {}, p.status), " — ", say.states[p.status] || "",
            p.details.length ? h("ul", {}, p.details.map(function (d, i) {
              return h("li", { key: i }, d);
            })) : null),
          h("td", {}, markable ? h("button", {
            type: "button",
            "aria-label": say.mark + " (" + p.lang + ")",
            onClick: function () { self.mark(p.lang); },
          }, say.mark) : null));
      });
      return h("section", { className: "sp-translations", "aria-label": say.translations },
        h("h2", {}, say.translations),
        h("table", {},
          h("thead", {}, h("tr", {}, h("th", {}, say.language), h("th", {}, say.state), h("th", {}))),
          h("tbody", {}, rows)),
        this.state.message ? h("pre", {
          role: this.state.refused ? "alert" : "status",
          className: this.state.refused ? "sp-refused" : "sp-marked",
        }, this.state.message) : null);
    },
  });
  // Translation tables to refresh after each save.
  var saved = [];
  CMS.registerEventListener({
    name: "postSave",
    handler: function () { saved.forEach(function (load) { load(); }); },
  });

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
        post("/admin/check", { collection: collection, data: data })
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
        if (collection !== "pages") return h("div", { className: "sp-preview" }, report);
        var slug = this.props.entry.get("slug");
        return h("div", { className: "sp-preview" }, report,
          slug ? h(Translations, { slug: slug }) : null,
          h("h1", {}, this.props.entry.getIn(["data", "title"])),
          this.props.widgetFor("body"));
      },
    });
  }

  CMS.registerPreviewStyle(
    ".sp-problems{border:3px solid #b00020;padding:1em;color:#300}" +
    ".sp-ok{border:3px solid #1b5e20;padding:1em}" +
    "body{font:18px/1.5 system-ui,sans-serif;padding:1em}" +
    ".sp-translations table{border-collapse:collapse;width:100%}" +
    ".sp-translations th,.sp-translations td{border:1px solid #999;padding:.3em .5em;text-align:start;vertical-align:top}" +
    ".sp-ok td,.sp-source td{background:#eef6ee}.sp-outdated td{background:#fff4ce}" +
    ".sp-missing td{background:#fde8e8}.sp-mismatch td,.sp-script td{background:#f8c9c9}" +
    ".sp-translations button{font:inherit;padding:.3em .6em;min-height:44px}" +
    "button:focus-visible{outline:3px solid #1a4fd6;outline-offset:2px}" +
    ".sp-refused{white-space:pre-wrap;border:3px solid #b00020;padding:.5em;color:#300}" +
    ".sp-marked{white-space:pre-wrap;border:3px solid #1b5e20;padding:.5em}"
  , { raw: true });
  CMS.registerPreviewTemplate("organisations", Checked("organisations"));
  CMS.registerPreviewTemplate("pages", Checked("pages"));
  CMS.init({ config: { locale: locale } });
})();
