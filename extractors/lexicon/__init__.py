"""One lexicon: the words reports use to say what a number is and what it counts, read by the
table reader, the narrative extractor and the measure keys alike (and by the rules through the
facts' fields), so a word added here is understood everywhere.

    roles      what a column, row or caption says its numbers are (baseline, target, allocation,
               spend, forecast, variance, change, total, year to date, commentary, ...)
    scales     units and scales stated beside numbers ('£000s', '£ thousands', '£m', '(%)',
               'Rate per 100,000', 'days')
    areas      column headers that name areas or bodies, and names that look like places
    changes    words that give a change its direction (increase, reduction, fewer, ...)
    periods    relative and quarter words ('Year to date', 'Previous year', 'Apr–Jun', 'Quarter 3')
    prose      the narrative reader's cue words (rises and falls, money given and used, ...)
    measures   what a quantity is about, as one key: stop words, plurals and synonyms
               ('ASB' / 'anti-social behaviour', 'DA' / 'domestic abuse')
    arithmetic the words that make a row or column a total, a year to date, a running total
"""
