"""``python -m tests.bench``: every benchmark, one after the other."""

import sys

from tests.bench import (
    assign_bench,
    ds_import_bench,
    engine_bench,
    export_bench,
    memory_bench,
    merge_bench,
    sheets_bench,
    startup_bench,
    store_bench,
)

engine_bench.main()
print()
sys.argv = sys.argv[:1]
store_bench.main()
print()
merge_bench.main()
print()
startup_bench.main()
print()
sheets_bench.main()
print()
export_bench.main()
print()
ds_import_bench.main()
print()
memory_bench.main()
print()
assign_bench.main()
