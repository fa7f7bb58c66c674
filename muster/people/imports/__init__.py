"""Import and export of a commune's citizen spreadsheet (nhập danh sách công dân).

``columns`` (the accepted columns and their vocabulary), ``files`` (reading the file) and
``checks`` (checking every row) are pure; ``services`` and ``writes`` load and write,
``selectors`` read, ``messages`` translate, ``views`` serve the pages (docs/import.md).
"""
