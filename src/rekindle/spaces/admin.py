"""Operators manage accounts here. Couples' content is never registered in the admin."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm

from rekindle.spaces.models import Person


class PersonCreationForm(BaseUserCreationForm):
    class Meta:
        model = Person
        fields = ("email", "display_name")


class PersonChangeForm(UserChangeForm):
    class Meta:
        model = Person
        fields = ("email", "display_name", "time_zone", "is_active", "is_staff", "is_superuser")


@admin.register(Person)
class PersonAdmin(UserAdmin):
    form = PersonChangeForm
    add_form = PersonCreationForm
    ordering = ["email"]
    list_display = ["email", "display_name", "is_active", "is_staff", "date_joined", "last_login"]
    search_fields = ["email", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["display_name", "time_zone"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "display_name", "password1", "password2"]})]
    readonly_fields = ["last_login", "date_joined"]

    def get_deleted_objects(self, objs, request):
        """List only the accounts: what people wrote (and any private care answers) stays unseen."""
        _, _, perms_needed, protected = super().get_deleted_objects(objs, request)
        return [str(person) for person in objs], {"people": len(objs)}, perms_needed, protected
    filter_horizontal: list[str] = []
