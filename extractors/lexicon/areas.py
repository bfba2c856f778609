"""Areas and bodies: column headers that say their column names places or organisations
('District', 'Borough', 'CSP', 'Force area'), and names that look like one ('Dacorum Borough
Council', 'North Wales Police', 'Tendring')."""
from __future__ import annotations

import re

AREA_HEADER = re.compile(
    r"^\s*(?:(?:local |unitary |lower[- ]tier )?(?:district|area|ward|borough|partnership|csp|cdrp|force|"
    r"local authority|authority|la|council|county|region|division|constabulary|bcu|lpa|lpu|"
    r"neighbourhood|locality|parish|town|city|place|organisation|organization|agency|provider|"
    r"recipient|grantee|body|beneficiary|community safety partnership|police force|force area|"
    r"policing area|district council|area name|district name|location)s?(?:\s+name)?|name of "
    r"(?:partnership|area|district|organisation|body))\s*[:]?\s*$", re.I)
PLACE_SUFFIX = re.compile(
    r"\b(?:borough|district|city|county|council|police|constabulary|csp|cdrp|partnership|shire|"
    r"town|district council|county council|metropolitan|unitary|authority|trust|service|"
    r"ltd|limited|cic|charity)\b|shire\b|(?:ton|ham|ford|bury|field|ley|wich|chester|minster|mouth|"
    r"borough|by|don|well|wood|worth|stead)$", re.I)
_NAME = re.compile(r"^[A-Z][A-Za-z'’.&-]+(?:\s+(?:and|&|of|upon|on|the|[A-Z][A-Za-z'’.&-]+))*$")


def is_area_header(label: str) -> bool:
    return bool(AREA_HEADER.match(label or ""))


def looks_like_name(text: str) -> bool:
    """A proper name (capitalised words, no digits): a place or a body, not an indicator."""
    text = (text or "").strip()
    return 0 < len(text.split()) <= 6 and bool(_NAME.match(text))


def looks_like_place(text: str) -> bool:
    """A name with a place or body word in it ('Dacorum Borough', 'Luton Council', 'Bedford')."""
    return looks_like_name(text) and bool(PLACE_SUFFIX.search(text.strip()))


# The body a sum is given to, named in its sentence: 'awarded Riverside Community Safety
# Partnership a grant of £48,250', 'allocated £12,000 to Tendring District Council'.
_RECIPIENT = re.compile(r"\b(?:awarded|allocated|granted|offered|paid|given)\s+(?:to\s+)?(?:the\s+)?"
                        r"(?:£[\d,.]+[km]?\s+to\s+(?:the\s+)?)?(?P<name>(?:[A-Z][A-Za-z'’&-]+\s+){1,4}"
                        r"(?:Community\s+Safety\s+Partnership|Partnership|CSP|Borough\s+Council|District\s+Council|"
                        r"City\s+Council|County\s+Council|Council))\b")


def recipient_named(sentence: str) -> str:
    """The one body the sentence says a sum was given to, '' for none or several."""
    names = {m.group("name") for m in _RECIPIENT.finditer(sentence or "")}
    return names.pop() if len(names) == 1 else ""


_BODY_SHORT = ((re.compile(r"\bCSP\b", re.I), "Community Safety Partnership"),
               (re.compile(r"\bCDRP\b", re.I), "Crime and Disorder Reduction Partnership"))


def body_name(name: str) -> str:
    """A body's name with its usual abbreviations spelt out ('Dacorum CSP' -> 'Dacorum
    Community Safety Partnership'), so two reports naming it either way name one body."""
    for pattern, full in _BODY_SHORT:
        name = pattern.sub(full, name or "")
    return name
