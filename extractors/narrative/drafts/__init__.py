"""Stage 3, a segment read sentence by sentence into drafts: each number with its structure,
subject and period (the sentence's, the paragraph's, the heading's or the document's)."""
