"""Stage 2, one sentence: its numbers as slots, and the claim structure the readers find among
them (changes, from/to levels, parts of a whole, shares, money kinds, targets)."""
