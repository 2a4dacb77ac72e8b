"""Build configuration beyond pyproject.toml: the optional C extension.

``framing._speedups`` (framing/_speedups.c) is the tokenizer and dictionary hit
counter in C. It is optional: where no C compiler is available the build skips it
with a warning and the kit runs its pure-Python code, which gives the same results.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "framing._speedups",
            sources=["framing/_speedups.c"],
            optional=True,
        )
    ]
)
