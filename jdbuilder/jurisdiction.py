"""Whose rules a line of profile text is true under, and what an employer elsewhere gets.

The profile is written under one state's law and one system's policy (North Carolina, the UNC
System). A line true only there is marked in the data (`only_in`, with its `source`); for an
employer elsewhere it is left out or replaced by its federal or neutral form (`elsewhere`), and
the document says once which sections were made general and what the employer should supply.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Two-letter codes of the states and the District of Columbia, with their names.
US_STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin",
    "WY": "Wyoming",
}
_ABBREVIATIONS = {"N.C.": "NC", "N. C.": "NC", "COLO.": "CO", "D.C.": "DC"}


def state_code(text: str | None) -> str | None:
    """'NC', 'nc', 'North Carolina', 'N.C.' -> 'NC'; anything else -> None."""
    if not text:
        return None
    cleaned = " ".join(text.split()).strip(" .")
    if cleaned.upper() in US_STATES:
        return cleaned.upper()
    if f"{cleaned.upper()}." in _ABBREVIATIONS:
        return _ABBREVIATIONS[f"{cleaned.upper()}."]
    folded = cleaned.casefold()
    return next((code for code, name in US_STATES.items() if name.casefold() == folded), None)


def state_in(place: str | None) -> str | None:
    """The state a place names ('Cullowhee, NC', 'Denver, Colorado, US', 'Remote (Denver, CO)')."""
    if not place:
        return None
    parts = [part.strip(" ()") for part in place.replace("(", ",").split(",")]
    for part in reversed(parts):
        code = state_code(part)
        if code:
            return code
    return None


class LocalText(str):
    """Text true only under one jurisdiction (a state code or a system's name). It is a str, so
    everything that reads the profile keeps working; `compose` decides, per employer, whether
    the text stands or its `elsewhere` form (None: left out) takes its place."""

    only_in: str
    source: str
    elsewhere: str | None
    supply: str | None

    def __new__(cls, text: str, only_in: str, source: str, elsewhere: str | None = None,
                supply: str | None = None) -> LocalText:
        made = super().__new__(cls, text)
        made.only_in, made.source, made.elsewhere, made.supply = (only_in, source, elsewhere,
                                                                  supply)
        return made

    def __reduce__(self):  # build workers receive the profile pickled
        return (LocalText, (str(self), self.only_in, self.source, self.elsewhere, self.supply))


@dataclass(frozen=True)
class Jurisdiction:
    """Whose rules the profile is written under."""

    state: str  # two-letter code
    system: str | None = None  # e.g. "UNC System"

    @property
    def state_name(self) -> str:
        return US_STATES.get(self.state, self.state)

    def describe(self) -> str:
        return f"{self.state_name} law" + (f" and {self.system} policy" if self.system else "")


@dataclass(frozen=True)
class Rules:
    """Whose rules apply to one employer: its state (None: unknown) and its system."""

    home: Jurisdiction | None
    state: str | None
    system: str | None
    assumed: bool = False  # no location was given: the profile's own state is assumed

    @classmethod
    def of(cls, home: Jurisdiction | None, place: str | None, system: str | None = None
           ) -> Rules:
        """An employer at `place`; `system` as its organization file says (None or "": in
        none). An employer is in a system only when its organization file says so: a private
        college in the profile's own state is not bound by the state system's policy, nor are
        its staff state employees. With no place, only an employer in the profile's system is
        taken to be in the profile's state (its system's institutions are); any other
        employer's state is unknown, and no state's law is stated as its own."""
        state = state_in(place)
        assumed = (state is None and home is not None and bool(system)
                   and system == home.system)
        if assumed:
            state = home.state  # type: ignore[union-attr]
        if home is not None and system == home.system and state != home.state:
            system = None  # the profile's system is one of its own state's institutions
        return cls(home, state, system or None, assumed)

    @property
    def state_name(self) -> str | None:
        return US_STATES.get(self.state, self.state) if self.state else None

    def applies(self, only_in: str) -> bool:
        return only_in in {self.state, self.system}

    def is_home(self) -> bool:
        return self.home is None or (self.state == self.home.state
                                     and self.system == self.home.system)


@dataclass
class Localizer:
    """Resolves marked text for one employer, remembering what it made general."""

    rules: Rules
    generic: dict[str, list[LocalText]] = field(default_factory=dict)  # section -> texts

    def one(self, text: str, section: str) -> str:
        if not isinstance(text, LocalText) or self.rules.applies(text.only_in):
            return text
        self.generic.setdefault(section, []).append(text)
        return text.elsewhere or ""

    def many(self, texts, section: str) -> list[str]:
        kept = [self.one(text, section) for text in texts]
        return [text for text in kept if text]

    def keeps(self, only_in: str | None, source: LocalText | None, section: str) -> bool:
        """For a whole entry (a regulation) marked `only_in`: does it stand here?"""
        if only_in is None or self.rules.applies(only_in):
            return True
        if source is not None:
            self.generic.setdefault(section, []).append(source)
        return False
