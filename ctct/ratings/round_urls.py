"""URLs of the rating rounds, sheets and discipline (``round_views``)."""

from django.urls import path

from ctct.ratings import round_views as v

urlpatterns = [
    path("bodies/<int:body_pk>/", v.body_page, name="body"),
    path("bodies/<int:body_pk>/open/", v.round_open, name="round_open"),
    path("bodies/<int:body_pk>/openings/<int:opening_pk>/", v.opening_page, name="opening"),
    path(
        "bodies/<int:body_pk>/openings/<int:opening_pk>/progress/",
        v.opening_progress,
        name="opening_progress",
    ),
    path("bodies/<int:body_pk>/rounds/<int:round_pk>/", v.round_page, name="round"),
    path("bodies/<int:body_pk>/rounds/<int:round_pk>/close/", v.round_close, name="round_close"),
    path("bodies/<int:body_pk>/rounds/<int:round_pk>/sheets/", v.sheets_page, name="sheets"),
    path("bodies/<int:body_pk>/rounds/<int:round_pk>/decide/", v.decide, name="decide"),
    path(
        "bodies/<int:body_pk>/rounds/<int:round_pk>/decide/quota/",
        v.decide_quota,
        name="decide_quota",
    ),
    path("bodies/<int:body_pk>/sheets/<int:sheet_pk>/", v.sheet_page, name="sheet"),
    path("bodies/<int:body_pk>/sheets/<int:sheet_pk>/review/", v.sheet_review, name="sheet_review"),
    path("bodies/<int:body_pk>/sheets/<int:sheet_pk>/band/", v.sheet_band, name="sheet_band"),
    path("discipline/", v.discipline_list, name="discipline"),
    path("discipline/new/", v.discipline_record, name="discipline_record"),
    path(
        "bodies/<int:body_pk>/discipline/<int:discipline_pk>/withdraw/",
        v.discipline_withdraw,
        name="discipline_withdraw",
    ),
]
