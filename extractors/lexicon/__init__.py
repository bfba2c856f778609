"""One lexicon: the words reports use to say what a number is, read by the table reader and
the narrative extractor alike, so a word added here is understood everywhere.

    roles   what a column, row or caption says its numbers are (baseline, target, allocation,
            spend, forecast, variance, change, total, year to date, commentary, ...)
    scales  units and scales stated beside numbers ('£000s', '£ thousands', '£m', '(%)',
            'Rate per 100,000', 'days')
    areas   column headers that name areas or bodies, and names that look like places
    changes words that give a change its direction (increase, reduction, fewer, ...)
    periods relative and quarter words ('Year to date', 'Previous year', 'Apr–Jun', 'Quarter 3')
"""
