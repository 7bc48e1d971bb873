"""Rules the book and the importer share, so that each is written once: Project
Drawdown's data, the link and picture policy, the company key and company-panel entries,
case-study places and sectors, YAML with lines, text files read without raising. No
Sphinx here: the importer runs without it."""
