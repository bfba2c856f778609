"""One lexicon: the words reports use to say what a number is and what it counts, read by
every extractor (and by the rules through the facts' fields), so a word added here is
understood everywhere.

    measures  what a quantity is about, as one key: stop words, plurals and synonyms
              ('ASB' / 'anti-social behaviour', 'DA' / 'domestic abuse')
"""
