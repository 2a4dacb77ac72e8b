"""TODO shared layer docstring."""
