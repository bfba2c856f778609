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
