"""Import companies from CVR JSON, CSV or Excel files.

The modules, in the order a file passes through them:

- ``files``: what the file is (magic bytes against its name), size and zip-bomb
  limits, safe names;
- ``cvr`` and ``tabular``: stream the file as raw rows (one dict per company);
- ``validation``: turn a raw row into a ``CompanyRow`` or a list of problems
  (row, column, reason);
- ``writer``: compare rows with the register in batches and write the changes
  with their audit entries;
- ``services``: the verbs (check a file, import it, record an upload, run the
  job); ``cli`` and the views call them.

Nothing is written unless every row is valid, and then everything is written in
one transaction. Re-importing the same file changes nothing.
"""
