"""URLs of the registration books and lists, the January list, the year roll-over and the book
exports (namespace ``people``)."""

from django.urls import path

from muster.people.books import views

urlpatterns = [
    path("books/", views.book_index, name="book_index"),
    path("books/january/record/", views.january_record_view, name="january_record"),
    path("books/rollover/", views.rollover_view, name="rollover"),
    path("books/<slug:book>/export/", views.book_export_view, name="book_export"),
    path("books/exports/<uuid:public_id>/", views.book_export_detail, name="book_export_detail"),
    path(
        "books/exports/<uuid:public_id>/status/",
        views.book_export_status,
        name="book_export_status",
    ),
    path(
        "books/exports/<uuid:public_id>/download/",
        views.book_export_download,
        name="book_export_download",
    ),
    path("books/<slug:book>/", views.book_view, name="book"),
]
