"""A file that fails part-way through writing: a full disk (OSError) or Ctrl-C (KeyboardInterrupt).

Shared by tests/test_animation.py and tests/test_cli.py, which check that no output file is ever left truncated.
"""


class FailingFile:
    """A file that raises `error` once more than `after` bytes (or characters) were written to it."""

    def __init__(self, file, error, after):
        self._file, self._error, self._left = file, error, after

    def write(self, data):
        self._left -= len(data)
        if self._left < 0:
            raise self._error
        return self._file.write(data)

    def __getattr__(self, name):
        return getattr(self._file, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._file.close()
