"""Forms of the hierarchy pages: the problems of a subject, and merging a duplicate subject."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tenants.catalogue.models import Subject
from tenants.catalogue.selectors import problem_list, subject_list


class SubjectProblemsForm(forms.Form):
    problems = forms.ModelMultipleChoiceField(
        label=_("Problems offered under this subject"),
        queryset=problem_list(active_only=False),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every problem is offered under this subject."),
    )


class MergeSubjectForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=subject_list(active_only=False),
        empty_label=_("Choose…"),
        help_text=_(
            "Its complaints move to the subject chosen here, which also gets its problems; this "
            "subject is then removed."
        ),
    )
    confirm = forms.BooleanField(label=_("Yes, merge the two subjects. This cannot be undone."))

    def __init__(self, *args: object, subject: Subject, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = subject_list(active_only=False).exclude(pk=subject.pk)
