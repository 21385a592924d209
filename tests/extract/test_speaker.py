"""Speaker or party: a force that only tells an event is no party to it (sentences written for Marsad)."""

from __future__ import annotations

import pytest

from marsad.extract.speaker import ForceInSentence, SpeakerRole
from marsad.text.normalise import fold


def _force(words: str, *, cue_gap: int | None = 5, state_act: bool = False, own_losses: bool = False
           ) -> ForceInSentence:
    start = 100
    cues = () if cue_gap is None else (start - cue_gap,)
    return ForceInSentence(start, start + 10, cues, tuple(fold(words).split()), state_act, own_losses)


@pytest.mark.parametrize(
    ("force", "expected", "reason"),
    [
        # «أعلنت الشرطة النيجيرية مقتل 20 شخصا»
        (_force("النيجيرية"), "speaker", "subject of a speech cue"),
        # «قال مفوض الشرطة في المدينة إن انتحاريين قتلوا ...»
        (_force("في المدينة إن"), "speaker", "subject of a speech cue"),
        # «أعلن الجيش أنه قتل عشرة إرهابيين»
        (_force("النيجيري أنه"), "party", "speaks of its own act"),
        # «أعلن الجيش أن قواته استعادت البلدة»
        (_force("أن قواته"), "party", "speaks of its own act"),
        # «أعلن الجيش شن غارات جوية»: a state act
        (_force("", state_act=True), "party", "a state act is told"),
        # «أعلن الجيش مقتل خمسة من جنوده»
        (_force("", own_losses=True), "party", "its own men among the dead"),
        # «هاجم مسلحون دورية للجيش»: no speech cue before the force
        (_force("", cue_gap=None), "party", None),
        # a cue far before the force introduces someone else
        (_force("", cue_gap=200), "party", None),
        # «فجر انتحاري نفسه في السوق، ثم طوقت الشرطة المكان واعتقلت مشتبهين»: the police answers the blast
        (_force("المكان واعتقلت", cue_gap=None), "responder", "its own act answers the event"),
        (_force("طوقت المكان", cue_gap=None), "responder", "its own act answers the event"),
        # «وقال الناطق إن قوات الدرك أغلقت الطريق بعد التفجير»: answering outweighs the speech cue
        (_force("أغلقت الطريق بعد"), "responder", "its own act answers the event"),
        # «أرسلت الحكومة جنودا في حملة للبحث عن الرهائن المخطوفين»
        (_force("في حملة للبحث", cue_gap=None), "responder", "its own act answers the event"),
        # «هرعت قوات الإسعاف والجيش إلى موقع الانفجار» / «الجيش فتح تحقيقا في الهجوم»
        (_force("فتح تحقيقا في", cue_gap=None), "responder", "its own act answers the event"),
        # «ورد الجنود على الهجوم فقتلوا ثلاثة مهاجمين»: fighting back is no response, it makes a party
        (_force("تصدوا للمهاجمين", cue_gap=None), "party", None),
        # the responding word too far from the force says nothing of it
        (_force("الذين كانوا في الموقع أغلقوا", cue_gap=None), "party", None),
        # its own men among the dead: a party even if it then seals the place
        (_force("طوقت المكان", cue_gap=None, own_losses=True), "party", "its own men among the dead"),
    ],
)
def test_speaker_role(force: ForceInSentence, expected: str, reason: str | None) -> None:
    got = SpeakerRole().decide(force)
    assert got.label == expected
    if reason is not None:
        assert reason in got.reasons
