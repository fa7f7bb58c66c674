from django.urls import path

from muster.conscription.postings import views

app_name = "postings"

urlpatterns = [
    path("campaign/<uuid:public_id>/", views.campaign_postings, name="campaign_postings"),
    path("commune/<uuid:public_id>/new/", views.posting_create, name="posting_create"),
    path("<uuid:public_id>/", views.posting_detail, name="posting_detail"),
    path("<uuid:public_id>/correct/", views.posting_correct, name="posting_correct"),
    path("<uuid:public_id>/notice.pdf", views.posting_pdf, name="posting_pdf"),
    path("complaints/<uuid:public_id>/", views.complaint_detail, name="complaint_detail"),
    # Public, without login: a commune's current postings, and one posting.
    path("public/<uuid:public_id>/", views.public_index, name="public_index"),
    path("public/notice/<uuid:public_id>/", views.public_detail, name="public_detail"),
]
