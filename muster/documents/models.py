"""Documents (văn bản, biểu mẫu) hold no data: rendering lives in ``tables``, ``excel``,
``pdf``, ``word`` and ``http``. The evidence attached to a citizen (``PersonDocument``) is
``muster.people.models`` (moved by migrations documents 0002 / people 0008)."""
