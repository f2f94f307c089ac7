"""The Excel route for the data editor: the package as a workbook, and a filled-in workbook back.

``export`` writes the workbook (one sheet per resource, Swedish headings, drop-down
lists, instructions), ``importer`` reads it back, validates the result as a package
and only then replaces the CSV files, ``cells`` maps one CSV value to one cell and
back so that the round trip gives the same bytes, ``commands`` adds
``export-xlsx`` and ``import-xlsx`` to the command line. openpyxl is imported only
when a command runs.
"""
