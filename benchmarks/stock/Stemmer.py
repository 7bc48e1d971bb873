# Put on PYTHONPATH by the benchmark's baseline runs: hides PyStemmer, so that
# snowballstemmer falls back to its pure-Python stemmer, as in a stock installation.
raise ImportError("PyStemmer hidden for the stock baseline")
