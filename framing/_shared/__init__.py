"""The kit's shared layer: one of each utility every concept needs (private).

Modules here have plain names and may be imported from anywhere in the package (the
layout test allows it); nothing here imports a concept subpackage.

Rooms
-----
- ``checks``: :func:`require_columns`, the column check of every public function
- ``atomic``: atomic file writes, :func:`write_table` (CSV, Parquet, JSON lines)
- ``jsonable``: the JSON policy, canonical JSON and SHA-256 of bytes, texts and files
- ``yaml_lines``: YAML that remembers line numbers (every config file), with limits on
  nesting and aliases
- ``dates``: dates as news writes them (month names, numeric orders, zones, epochs)
- ``filelock``: operating-system file locks that end with their process
- ``provenance``: kit version, git commit, library versions
- ``resample``: bootstrap weights, percentile/BCa/Wilson intervals, permutation p-values
- ``deprecate``: old public names kept for one release
"""
