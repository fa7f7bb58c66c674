"""Selection pages, included from ``campaign_urls`` (names in the ``campaigns`` namespace)."""

from django.urls import path

from muster.conscription.selection import round_views, views

urlpatterns = [
    path("<uuid:public_id>/selection/", views.selection_index, name="selection_index"),
    path("selection/<uuid:public_id>/", views.selection_detail, name="selection_detail"),
    path(
        "selection/<uuid:public_id>/pool.json",
        views.selection_pool_json,
        name="selection_pool_json",
    ),
    path(
        "selection/<uuid:public_id>/result.json",
        views.selection_result_json,
        name="selection_result_json",
    ),
    path("selection/<uuid:public_id>/pdf", views.selection_pdf, name="selection_pdf"),
    path("<uuid:public_id>/volunteers/", views.volunteer_list, name="volunteer_list"),
    path("<uuid:public_id>/reviews/", views.review_list, name="review_list"),
    path("reviews/<uuid:public_id>/", views.review_detail, name="review_detail"),
    path("reviews/<uuid:public_id>/fill", round_views.review_fill, name="review_fill"),
    path("reviews/<uuid:public_id>/pdf", round_views.review_pdf, name="review_pdf"),
]
