"""The test suite's own pytest plugin (registered by ``tests/conftest.py``): the builders
and fixtures shared by the tests of several packages, taken from :mod:`juryapp.samples`
where a test needs a real call.

- :mod:`tests.plugin.campaigns`: campaigns as plain core values (no SQL, no Qt: the
  engine's tests use them too);
- :mod:`tests.plugin.workbooks`: real ``.xlsx`` files written from rows;
- :mod:`tests.plugin.fixtures`: the fixtures (command line in-process, campaign files).
"""
