from django.urls import path

from soundoff.moderation import views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("case/<int:case_id>/", views.case_detail, name="case"),
    path("case/<int:case_id>/decide/", views.decide, name="decide"),
    path("case/<int:case_id>/ban/", views.ban, name="ban"),
    path("undo/<int:audit_id>/", views.undo, name="undo"),
    path("bulk/", views.bulk, name="bulk"),
    path("audit/", views.audit, name="audit"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("login/", views.StaffLoginView.as_view(), name="login"),
    path("logout/", views.StaffLogoutView.as_view(), name="logout"),
    path("2fa/", views.otp_setup, name="otp_setup"),
    path("2fa/verify/", views.otp_verify, name="otp_verify"),
]
