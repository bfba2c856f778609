"""Stage 4, the whole document: passes that propose (footnotes, spend lists, shared subjects,
restated table cells) and the one resolver that applies their precedence."""
