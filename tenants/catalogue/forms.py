"""Forms of the catalogue pages; saving goes through the actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tenants.catalogue.actions import do_add_problem, do_add_subject
from tenants.catalogue.models import Problem, Subject
from tenants.catalogue.selectors import problem_group_list, subject_area_list


class SubjectForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Area"), queryset=subject_area_list())
    name = forms.CharField(label=_("Subject"), max_length=250)

    def save(self) -> Subject:
        return do_add_subject(area=self.cleaned_data["area"], name=self.cleaned_data["name"])


class ProblemForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Group"), queryset=problem_group_list())
    name = forms.CharField(label=_("Problem"), max_length=250)

    def save(self) -> Problem:
        return do_add_problem(group=self.cleaned_data["group"], name=self.cleaned_data["name"])


class ActiveForm(forms.Form):
    """The state asked for (not a toggle), so submitting twice changes nothing more."""

    active = forms.TypedChoiceField(
        choices=[("true", "true"), ("false", "false")], coerce=lambda value: value == "true"
    )
