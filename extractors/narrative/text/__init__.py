"""Stage 1, the text: prose segments with their page offsets (page prose and prose table cells),
the numbers in them, the numbers that are not facts (dates, labels, references), and the
areas a document's sections name."""
