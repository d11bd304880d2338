"""Synthetic multilingual sites for benchmarks: N pages per language, in its script."""

from __future__ import annotations

import random
import sys
from pathlib import Path

# A few letters of each script, enough to make word-shaped text of realistic bytes.
ALPHABETS = {
    "latin": "abcdefghijklmnopqrstuvwxyzéèàç",
    "cyrillic": "абвгдеєжзиіїйклмнопрстуфхцчшщьюя",
    "arabic": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "persian": "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی",
    "bengali": "অআইঈউঊএঐওঔকখগঘচছজঝটঠডঢণতথদধনপফবভমযরলশষসহ",
    "devanagari": "अआइईउऊएऐओऔकखगघचछजझटठडढणतथदधनपफबभमयरलवशषसह",
}
SCRIPT_OF = {
    "en": "latin",
    "fr": "latin",
    "uk": "cyrillic",
    "ru": "cyrillic",
    "be": "cyrillic",
    "ar": "arabic",
    "fa": "persian",
    "bn": "bengali",
    "hi": "devanagari",
    "pl": "latin",
    "de": "latin",
    "es": "latin",
}


def words(language: str, count: int, rng: random.Random) -> str:
    letters = ALPHABETS[SCRIPT_OF.get(language, "latin")]
    out, line = [], []
    for i in range(count):
        line.append("".join(rng.choice(letters) for _ in range(rng.randint(2, 9))))
        if i % 12 == 11:
            out.append(" ".join(line) + ".")
            line = []
        if i % 120 == 119:
            out.append(
                "\n\n## " + "".join(rng.choice(letters) for _ in range(8)) + "\n\n"
            )
    out.append(" ".join(line))
    return " ".join(out)


def write_pages(
    root: Path, languages: list[str], n: int, word_count: int = 600
) -> None:
    """content/pages/<lang>/page-<i>.md for Pelican, and a Hugo copy under hugo/."""
    rng = random.Random(42)
    for language in languages:
        pelican_dir = root / "content" / "pages" / language
        hugo_dir = root / "hugo" / "content"
        pelican_dir.mkdir(parents=True, exist_ok=True)
        hugo_dir.mkdir(parents=True, exist_ok=True)
        for i in range(n):
            title = f"{language} {i}"
            body = words(language, word_count, rng)
            (pelican_dir / f"page-{i}.md").write_text(
                f"Title: {title}\n\n{body}\n", encoding="utf-8"
            )
            (hugo_dir / f"page-{i}.{language}.md").write_text(
                f'---\ntitle: "{title}"\n---\n\n{body}\n', encoding="utf-8"
            )


def signposter_build(settings_file: Path, output: Path) -> list[str]:
    """The command that builds a site with Signposter, as the benchmarks time it."""
    return [
        sys.executable,
        "-m",
        "signposter.cli",
        "build",
        "-s",
        str(settings_file),
        "-o",
        str(output),
    ]
