"""Words of a count breakdown written as bullets under a lead-in ("Of the 1,042 cases closed:"
then "- 584 were closed with the risk reduced;"): a bullet that opens with its number and
one of these verbs has no subject of its own, so its subject is the lead-in's whole."""
from __future__ import annotations

SUBJECTLESS_VERBS = frozenset("""
were was are is have had has did do went came got remain remained received receive stayed
""".split())
