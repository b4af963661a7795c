from __future__ import annotations

from django import forms

from prepapp.reminders.models import ReminderSettings


class ReminderSettingsForm(forms.ModelForm):
    class Meta:
        model = ReminderSettings
        fields = ("digest", "digest_weekday", "send_hour", "mock_reminder", "countdown")
        widgets = {"digest": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hour = self.fields["send_hour"]
        # A choice of the 24 hours: nothing to mistype, and the server checks it anyway.
        hour.widget = forms.Select(choices=[(h, f"{h:02d}:00") for h in range(24)])
        self.fields["digest_weekday"].help_text = "Used by the weekly digest."
