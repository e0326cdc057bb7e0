"""The hiring kit's data: the topics never to ask about, screened by what a question asks.

A table of questions an interviewer must not ask (each refused with its topic and, where there
is one, the lawful question) and of job-related questions that must pass."""

from __future__ import annotations

import pytest

from jdbuilder.errors import ProfileError
from jdbuilder.kitdata import _screen, _screened
from jdbuilder.yamlsource import Located

MUST_REFUSE = [
    ("Do you have any medical conditions that would affect your work?", "Disability",
     "Can you perform the essential functions of this job, with or without reasonable "
     "accommodation?"),
    ("Are you a U.S. citizen?", "citizenship",
     "Are you legally authorized to work in the United States?"),
    ("Where did you grow up, and what brought you to Raleigh?", "National origin", None),
    ("What clubs or organizations do you belong to outside work?", "Clubs", "professional"),
    ("Which clubs are you a member of?", "Clubs", None),
    ("Where are you originally from?", "National origin", None),
    ("Where were your parents born?", "National origin", None),
    ("Do you have a green card?", "citizenship", None),
    ("Is that a Southern accent?", "National origin", None),
    ("What language do you speak at home?", "National origin", None),
    ("Are you taking any medication?", "Disability", None),
    ("Have you ever been hospitalized?", "Disability", None),
    ("How many days were you out sick last year?", "Disability", None),
    ("Have you ever filed a workers' comp claim?", "Disability", None),
    ("Do you suffer from any illness?", "Disability", None),
    ("Do you plan to have children?", "Marital status", None),
    ("Are you married?", "Marital status", None),
    ("What does your husband do?", "Marital status", None),
    ("Who looks after the kids while you work?", "Marital status", None),
    ("Are you pregnant or planning a pregnancy?", "Pregnancy", None),
    ("What year were you born?", "Age", None),
    ("When were you born?", "Age", None),
    ("In what year did you finish high school?", "Age", None),
    ("Are you over 40?", "Age", None),
    ("When do you plan to retire?", "Age", None),
    ("What church do you attend?", "Religion", None),
    ("Which holidays do you observe?", "Religion", None),
    ("Have you ever been arrested?", "Arrests", None),
    ("Have you ever been charged with a crime?", "Arrests", None),
    ("How much do you earn now?", "Salary", None),
    ("What was your previous salary?", "Salary", None),
    ("What type of discharge did you receive from the military?", "Military", None),
    ("Were you honorably discharged?", "Military", None),
    ("How tall are you?", "Height", None),
    ("What is your weight?", "Height", None),
    ("Have you ever declared bankruptcy?", "Credit", None),
    ("What is your credit score?", "Credit", None),
    ("Do you own a home?", "Credit", None),
    ("Have you got kids?", "Marital status", None),
    ("Have you any children?", "Marital status", None),
    ("Are you a single parent?", "Marital status", None),
]

MUST_PASS = [
    "Which professional associations do you belong to, such as NACAC?",
    "Tell me about a time you handled a medical emergency in the residence halls.",
    "Tell me about a time you supported a student with a disability.",
    "Describe a situation where you received feedback from a supervisor.",
    "How do you weigh competing priorities when deadlines collide?",
    "Tell me about a time you advised a student organization through a conflict.",
    "How have you explained citizenship requirements for federal student aid?",
    "Do you have experience verifying citizenship documents for FAFSA?",
    "What decisions have you made without your supervisor's approval?",
    "How would you respond to a student in cardiac arrest at an event?",
    "Tell me about a student on academic probation you advised.",
    "Where do you see your advising practice in five years?",
    "Which countries do your international students come from?",
    "Are you legally authorized to work in the United States?",
    "Can you perform the essential functions of this job, with or without reasonable "
    "accommodation?",
    "Describe how you celebrate student success with your team.",
    "What did you learn from a project that went wrong?",
    "How do you manage your credit hours evaluation workload?",
    "Have you worked with kids at a summer camp or orientation program?",
    "How have you worked with parents and families during orientation?",
]


def _refusal(profile, text: str) -> str | None:
    node = Located(text, profile.directory / "position.yaml", "interview.questions[0].question",
                   7, ProfileError)
    try:
        _screened(node, _screen(profile.kit.never_ask))
    except ProfileError as error:
        return str(error)
    return None


@pytest.mark.parametrize(("question", "topic", "instead"), MUST_REFUSE)
def test_a_question_on_a_topic_never_to_ask_is_refused_naming_topic_and_lawful_question(
        profile, question, topic, instead):
    message = _refusal(profile, question)
    assert message is not None, question
    assert "touches a topic never to ask about" in message and topic in message, message
    assert "\n" not in message
    if instead:
        assert instead in message


@pytest.mark.parametrize("question", MUST_PASS)
def test_a_job_related_question_passes(profile, question):
    assert _refusal(profile, question) is None


def test_every_topic_cites_a_source_and_every_question_in_the_kit_passes(profile):
    kit = profile.kit
    assert all(topic.sources for topic in kit.never_ask)
    # The built-in kit loaded, so every one of its questions and probes passed the screen.
    asked = [q for s in kit.interviews.values() for plan in s.values() for q in plan.questions]
    assert len(asked) > 100
