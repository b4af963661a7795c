from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from prepapp.accounts.mail import mailer_prints_to_console
from prepapp.reminders.forms import ReminderSettingsForm
from prepapp.reminders.models import ReminderSent, ReminderSettings
from prepapp.reminders.unsubscribe import reminder_unsubscribe, unsubscribe_token_read


@require_http_methods(["GET", "HEAD", "POST"])
def settings_page(request):
    instance = ReminderSettings.objects.for_user(request.user).first() or ReminderSettings(
        user=request.user
    )
    form = ReminderSettingsForm(
        request.POST if request.method == "POST" else None, instance=instance
    )
    if request.method == "POST" and form.is_valid():
        if form.has_changed():
            form.save()
            messages.success(request, "Your reminder settings are saved.")
        else:
            messages.info(request, "Nothing changed.")
        return redirect("reminders:settings")
    context = {"form": form, "mail_to_console": mailer_prints_to_console()}
    return render(request, "reminders/settings.html", context)


def _invalid(request):
    return render(request, "reminders/unsubscribe_invalid.html", status=404)


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """The link in the mail's text: a page that says whether that reminder is on, with a
    button to turn it off (a GET changes nothing, so a link scanner opening it unsubscribes
    no one); the POST carries the CSRF token and comes back here."""
    read = unsubscribe_token_read(token)
    if read is None:
        return _invalid(request)
    user_id, kind = read
    if request.method == "POST":
        reminder_unsubscribe(user_id, kind)
        return redirect("reminders:unsubscribe", token)
    preferences = ReminderSettings.objects.filter(user_id=user_id).first()
    context = {
        "token": token,
        "kind": ReminderSent.Kind(kind).label,
        "on": bool(preferences and preferences.wants(kind)),
    }
    return render(request, "reminders/unsubscribe.html", context)


# The one CSRF exemption on the site: RFC 8058's one-click POST comes from the mail
# provider, with no cookie and no form token. The signed token in the URL is the
# authority, and all it can do is turn one kind of reminder off.
@csrf_exempt
@login_not_required
@require_POST
def one_click(request, token):
    read = unsubscribe_token_read(token)
    if read is None:
        return _invalid(request)
    reminder_unsubscribe(*read)
    return redirect("reminders:unsubscribe", token)
