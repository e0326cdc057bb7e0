"""A specialization's own words, as the quality checks need to know them.

`vocabulary:` in a specialization file (all parts optional):

    vocabulary:
      terms_of_trade: [yield, challenge course]   # the field's own phrases: not gender-coded
      product_names: [Slate, EMS]                 # names of products: not acronyms to spell out
      internal_terms:                             # codes applicants do not know: jargon
        - term: R2T4
          instead: say "returning federal aid when a student withdraws"
"""

from __future__ import annotations

from dataclasses import dataclass

from .yamlsource import Located


@dataclass(frozen=True)
class InternalTerm:
    term: str
    instead: str  # what to write instead, shown in the finding


@dataclass(frozen=True)
class Vocabulary:
    terms_of_trade: tuple[str, ...] = ()
    product_names: tuple[str, ...] = ()
    internal_terms: tuple[InternalTerm, ...] = ()

    def __add__(self, other: Vocabulary) -> Vocabulary:
        return Vocabulary(_merged(self.terms_of_trade, other.terms_of_trade),
                          _merged(self.product_names, other.product_names),
                          _merged(self.internal_terms, other.internal_terms))


def _merged(first: tuple, second: tuple) -> tuple:
    return tuple(dict.fromkeys((*first, *second)))


def vocabulary_from(node: Located | None) -> Vocabulary:
    if node is None or node.value is None:
        return Vocabulary()
    fields = node.mapping(set(), {"terms_of_trade", "product_names", "internal_terms"})

    def texts(key: str) -> tuple[str, ...]:
        return fields[key].texts() if key in fields and fields[key].value else ()

    internal = []
    if "internal_terms" in fields and fields["internal_terms"].value:
        for entry in fields["internal_terms"].sequence():
            parts = entry.mapping({"term", "instead"})
            internal.append(InternalTerm(parts["term"].text(), parts["instead"].text()))
    return Vocabulary(texts("terms_of_trade"), texts("product_names"), tuple(internal))
