"""Decap CMS's configuration, generated from the project's sources of truth.

Nothing here is kept by hand: organisation fields, required fields, patterns
and choices come from ``organisation.schema.json``; page locales from
SIGNPOSTER_LANGUAGES; campaign fields from the headers campaigns declare
(translation/campaigns). A new language or schema field reaches the editor
the next time `invoke edit` starts.

Labels and hints are in the editor's language (SIGNPOSTER_EDITOR_LOCALE):
the schema's titles and descriptions and the words marked ``N_`` here are in
the site's gettext catalogs (`invoke i18n-extract`), language and country
names come from Babel. A language with no catalog is shown in English.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError
from babel.support import NullTranslations

from signposter.catalog_marks import N_
from signposter.directory.organisations import schema
from signposter.directory.topics import TOPICS
from signposter.languages import Language
from signposter.package_files import TRANSLATIONS as PACKAGED_TRANSLATIONS
from signposter.problems import Problems
from signposter.translation.catalogs import catalog_path, load_translations
from signposter.translation.front_matter import LIST_HEADERS

LOCAL_BACKEND_PORT = 8081
# The organisations' file format, registered by admin/signposter-admin.js:
# YAML whose plain-text name is read as the default language's.
ORGANISATION_FORMAT = "signposter-organisation"
# Fields whose choices are codes: shown by their names, stored as codes.
_CODE_CHOICES = {"countries": "country", "languages": "language", "country": "country"}


# The campaign headers' labels (translation/campaigns reads the headers).
CAMPAIGN_LABELS = {
    "countries": N_("Campaign countries"),
    "languages": N_("Campaign languages"),
    "topics": N_("Campaign topics"),
}


class Words:
    """The editor's language: its catalog for our words, Babel for names."""

    def __init__(self, locale: str = "en", translations=None):
        try:
            self.locale = Locale.parse(locale)
        except (UnknownLocaleError, ValueError, TypeError):
            self.locale = Locale.parse("en")
        self.translations = translations or NullTranslations()

    def text(self, message: str) -> str:
        return self.translations.gettext(message) if message else message

    def language(self, code: str) -> str:
        try:
            name = Locale.parse(code).get_display_name(self.locale) or code
        except (ValueError, TypeError):
            return code
        return f"{name[:1].upper()}{name[1:]} ({code})"  # as in a menu

    def country(self, code: str) -> str:
        return f"{self.locale.territories.get(code, code)} ({code})"


def editor_words(settings) -> Words:
    """The words of SIGNPOSTER_EDITOR_LOCALE: the site's catalog, else the
    package's (as the build picks them), else English."""
    code = settings["SIGNPOSTER_EDITOR_LOCALE"]
    folder = Path(settings["SIGNPOSTER_TRANSLATIONS_DIR"])
    if not folder.is_absolute():
        folder = Path(settings["PATH"]).parent / folder
    if not catalog_path(folder, code).exists():
        folder = PACKAGED_TRANSLATIONS
    if not catalog_path(folder, code).exists():
        return Words(code)
    # A catalog the build would refuse gives English here; the build (and
    # `invoke i18n-status`) names its problems.
    language = Language(code)
    return Words(code, load_translations(folder, language, language, Problems()))


def _resolve(node: dict, root: dict) -> dict:
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        merged = {
            **root["$defs"][name],
            **{k: v for k, v in node.items() if k != "$ref"},
        }
        return _resolve(merged, root)
    if "oneOf" in node:
        # A field that may be plain text or text per language (a name): the
        # form offers one box per language, which holds both (the organisation
        # format reads plain text as the default language's, and a name given
        # only in that language is saved as plain text again).
        choices = [_resolve(choice, root) for choice in node["oneOf"]]
        chosen = next((c for c in choices if c.get("type") == "object"), choices[0])
        return {**chosen, **{k: v for k, v in node.items() if k != "oneOf"}}
    return node


class _Fields:
    """Turns schema properties into Decap fields."""

    def __init__(
        self,
        root: dict,
        choices: dict[str, list[dict]],
        languages: list[str],
        words: Words,
    ):
        self.root = root
        self.choices = choices
        self.languages = languages
        self.words = words

    def fields(self, node: dict, enforced: bool = True) -> list[dict]:
        """``enforced``: False inside an optional object, whose own required
        fields Decap would otherwise demand even when the object is left
        empty (the preview's checks still name them when it is filled in)."""
        required = set(node.get("required", ()))
        return [
            self.field(name, _resolve(prop, self.root), enforced and name in required)
            for name, prop in node.get("properties", {}).items()
        ]

    def field(self, name: str, node: dict, required: bool) -> dict:
        label = node.get("title") or name.replace("_", " ").capitalize()
        field = {"name": name, "label": self.words.text(label)}
        field["required"] = required
        if node.get("description"):
            field["hint"] = self.words.text(node["description"])
        field.update(self.widget(name, node, required))
        return field

    def widget(self, name: str, node: dict, required: bool = True) -> dict:
        kind = node.get("type")
        if "enum" in node:
            return {"widget": "select", "options": list(node["enum"])}
        if kind == "boolean":
            # No default: an untouched switch writes nothing, so an optional
            # object (opening hours) left alone stays empty.
            return {"widget": "boolean"}
        if kind == "object" and "properties" in node:
            return {"widget": "object", "fields": self.fields(node, required)}
        if kind == "object":
            # Text per language: one box per site language, the first required
            # when the field is.
            return {
                "widget": "object",
                "fields": [
                    {
                        "name": code,
                        "label": self.words.language(code),
                        "widget": "text",
                        "required": required and index == 0,
                    }
                    for index, code in enumerate(self.languages)
                ],
            }
        if kind == "array":
            items = _resolve(node.get("items", {}), self.root)
            if name in self.choices or "enum" in items:
                options = self.choices.get(name) or list(items["enum"])
                widget = {"widget": "select", "multiple": True, "options": options}
                if node.get("minItems"):
                    widget["min"] = node["minItems"]
                return widget
            if items.get("type") == "object":
                return {"widget": "list", "fields": self.fields(items)}
            return {"widget": "list"}
        if node.get("format") == "date":
            return {
                "widget": "datetime",
                "format": "YYYY-MM-DD",
                "date_format": "YYYY-MM-DD",
                "time_format": False,
            }
        if name in self.choices:
            return {"widget": "select", "options": self.choices[name]}
        widget = {"widget": "string"}
        if "pattern" in node:
            hint = self.words.text(node.get("description", ""))
            widget["pattern"] = [node["pattern"], hint]
        return widget


def _choices(
    countries: list[str], languages: list[str], site: list[str], words: Words
) -> dict:
    country_options = [
        {"label": words.country(code), "value": code} for code in countries
    ]
    language_options = [
        {"label": words.language(code), "value": code} for code in languages
    ]
    topic_options = [
        {"label": words.text(label), "value": topic} for topic, label in TOPICS.items()
    ]
    return {
        "countries": country_options,
        "country": country_options,
        "languages": language_options,
        "topics": topic_options,
        "site_languages": [{"label": words.language(c), "value": c} for c in site],
    }


def organisation_languages(countries: list[str], site: list[str]) -> list[str]:
    """The site's languages and every official language of the countries served."""
    from babel.languages import get_official_languages

    found = list(site)
    for code in countries:
        for language in get_official_languages(code, de_facto=True):
            if language not in found:
                found.append(language)
    return found


def campaign_fields(choices: dict, words: Words) -> list[dict]:
    """A campaign page's extra headers (translation/campaigns reads them)."""
    fields = [
        {
            "name": "template",
            "label": words.text(N_("Campaign page")),
            "widget": "select",
            "options": [{"label": words.text(N_("Campaign")), "value": "campaign"}],
            "required": False,
            "i18n": "duplicate",
        },
        {
            "name": "phase",
            "label": words.text(N_("Campaign phase")),
            "widget": "number",
            "value_type": "int",
            "min": 1,
            "required": False,
            "i18n": "duplicate",
        },
    ]
    sources = {
        "countries": "countries",
        "languages": "site_languages",
        "topics": "topics",
    }
    for key in LIST_HEADERS:
        fields.append(
            {
                "name": key,
                "label": words.text(CAMPAIGN_LABELS[key]),
                "widget": "select",
                "multiple": True,
                "options": choices[sources[key]],
                "required": False,
                "i18n": "duplicate",
            }
        )
    return fields


def decap_config(
    settings,
    backend: dict | None = None,
    editorial: bool = False,
    backend_port: int = LOCAL_BACKEND_PORT,
) -> dict:
    """The whole Decap configuration for this site.

    ``backend``: Decap's git backend for remote volunteers (from
    SIGNPOSTER_EDITOR_BACKEND); locally Decap's own server is used instead,
    on ``backend_port``.
    """
    site = list(settings["SIGNPOSTER_LANGUAGES"])
    default = settings["DEFAULT_LANG"]
    content = Path(settings["PATH"])
    root = Path.cwd()
    try:
        content = content.resolve().relative_to(root.resolve())
    except ValueError:
        pass
    countries_file = content / "countries.yaml"
    countries = (
        list(yaml.safe_load((root / countries_file).read_text(encoding="utf-8")) or {})
        if (root / countries_file).exists()
        else []
    )
    words = editor_words(settings)
    languages = organisation_languages(countries, site)
    choices = _choices(countries, languages, site, words)
    org_schema = schema()
    organisation_fields = _Fields(org_schema, choices, site, words).fields(org_schema)
    page_text = {"i18n": True}
    config = {
        # The admin's own language (Decap's locales); ?lang=uk overrides it.
        "locale": settings["SIGNPOSTER_EDITOR_LOCALE"],
        "backend": backend
        or settings["SIGNPOSTER_EDITOR_BACKEND"]
        or {"name": "git-gateway"},
        "local_backend": {"url": f"http://127.0.0.1:{backend_port}/api/v1"},
        "media_folder": f"{content.as_posix()}/media",
        "i18n": {
            "structure": "multiple_folders",
            "locales": site,
            "default_locale": default,
        },
        "collections": [
            {
                "name": "organisations",
                "label": words.text(N_("Organisations")),
                "label_singular": words.text(N_("Organisation")),
                "folder": f"{content.as_posix()}/organisations",
                "extension": "yaml",
                "format": ORGANISATION_FORMAT,
                "create": True,
                "identifier_field": "id",
                "slug": "{{fields.id}}",
                # Names are per language in the form (see _resolve).
                "summary": f"{{{{name.{default}}}}} ({{{{id}}}})",
                "fields": organisation_fields,
            },
            {
                "name": "pages",
                "label": words.text(N_("Pages")),
                "label_singular": words.text(N_("Page")),
                "folder": f"{content.as_posix()}/pages",
                "extension": "md",
                "format": "frontmatter",
                "create": True,
                "i18n": True,
                "slug": "{{slug}}",
                "fields": [
                    {
                        "name": "title",
                        "label": words.text(N_("Title")),
                        "widget": "string",
                        **page_text,
                    },
                    {
                        "name": "summary",
                        "label": words.text(N_("Summary")),
                        "widget": "text",
                        "required": False,
                        **page_text,
                    },
                    {
                        "name": "reviewed",
                        "label": words.text(N_("Reviewed")),
                        "widget": "datetime",
                        "format": "YYYY-MM-DD",
                        "date_format": "YYYY-MM-DD",
                        "time_format": False,
                        "required": False,
                        "i18n": "duplicate",
                    },
                    *campaign_fields(choices, words),
                    {
                        "name": "source_hash",
                        "label": words.text(N_("Translated from version")),
                        "widget": "hidden",
                        "required": False,
                        **page_text,
                    },
                    {
                        "name": "body",
                        "label": words.text(N_("Text")),
                        "widget": "markdown",
                        **page_text,
                    },
                ],
            },
        ],
    }
    if editorial:
        config["publish_mode"] = "editorial_workflow"
    return config


def config_yaml(settings, **options) -> str:
    return yaml.safe_dump(
        decap_config(settings, **options), allow_unicode=True, sort_keys=False
    )
