"""Registration books and lists (sổ, danh sách đăng ký NVQS) as ``TableDocument`` objects.

Each book is read through the acting user's scope (``geo.scope``) and, when chosen, one
commune's subtree and one village. The same rows feed the paginated screen and the Excel, PDF
and Word files, so what the clerk sees is what prints. Every page costs the same number of
queries: one count, one page of rows, and one query per prefetched relation.

Books (Decree 13/2016 Art 3(2), forms 8 and 9; Law 78/2015 Art 16):

* ``age17``: men reaching 17 in the year (Sổ đăng ký công dân nam đủ 17 tuổi);
* ``ready``: registered men of call-up age on a date (Sổ đăng ký công dân sẵn sàng nhập ngũ):
  18 to the end of 25, to the end of 27 for college/university graduates (Art 30);
* ``january``: the January list (Art 16(1)): men reaching 17 in the year and men of NVQS age
  not yet registered;
* ``registrations``: first registrations in a period;
* ``transfers``: transfers out and in (đăng ký di chuyển) in a period;
* ``reserve``: the reserve soldier register on a date (Sổ đăng ký quân nhân dự bị, form 10):
  the reservists registered in the area and not removed (``reserve``);
* ``rollover``: the year roll-over for a campaign (``conscription.rollover``).

The books are built in ``common`` (filter, rows, scope, header), ``persons`` (age17, ready,
january), ``events`` (registrations, transfers), ``pages`` (the entry points for the views) and
``rollover``; ``exports`` makes the files (the background job ``people.book``), ``services``
queues it, ``forms``, ``views`` and ``urls`` serve the pages. Import from those modules.
"""
