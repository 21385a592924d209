"""The genre model (marsad.extract.genre): shipped, read without scikit-learn, same features as at training."""

from __future__ import annotations

from collections import Counter

import pytest

from marsad.extract.genre import Genre, char_ngrams, default_model, lede_text
from marsad.text.normalise import fold


def test_the_shipped_model_loads_with_its_threshold() -> None:
    m = default_model()
    assert m.terms and 0.0 < m.threshold < 1.0 and m.ngram_range == (2, 4)


def test_char_ngrams_are_scikit_learns_char_wb() -> None:
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text", reason="scikit-learn is a dev dependency")
    text = fold("قتل «عشرة» جنود، في هجوم (الأحد) على 3 مواقع.")
    analyse = sklearn_text.TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)).build_analyzer()
    assert char_ngrams(text, 2, 4) == Counter(analyse(text))


@pytest.mark.parametrize(
    ("attack", "politics"),
    [
        ("قتل عشرة جنود في هجوم شنه مسلحون على موقع للجيش قرب بلدة في شمال البلاد",
         "التقى الرئيس وزير الخارجية لبحث التعاون الاقتصادي وتعزيز العلاقات الثنائية بين البلدين"),
        ("فجر انتحاري نفسه في سوق مزدحم مما أسفر عن مقتل خمسة أشخاص",
         "أعلنت اللجنة الانتخابية نتائج الانتخابات الرئاسية وسط إقبال ضعيف على مراكز الاقتراع"),
    ],
)
def test_an_attack_lede_reads_more_like_news_than_a_political_one(attack: str, politics: str) -> None:
    genre = Genre()
    p_attack = genre.decide(lede_text(None, [attack], 3)).score
    p_politics = genre.decide(lede_text(None, [politics], 3)).score
    assert 0.0 <= p_politics < p_attack <= 1.0


def test_a_decision_gives_its_strongest_ngrams() -> None:
    got = Genre().decide(lede_text(None, ["قتل عشرة جنود في هجوم شنه مسلحون على موقع للجيش"], 3))
    assert got.label in ("news", "other") and len(got.reasons) == 5


def test_the_model_reads_as_scikit_learn_scores() -> None:
    """A pipeline fitted on a few sentences, shipped the way make train ships it, gives the same
    probabilities without scikit-learn."""
    pipeline = pytest.importorskip("sklearn.pipeline", reason="scikit-learn is a dev dependency")
    text_mod = pytest.importorskip("sklearn.feature_extraction.text", reason="scikit-learn is a dev dependency")
    linear = pytest.importorskip("sklearn.linear_model", reason="scikit-learn is a dev dependency")
    from marsad.extract.genre import GenreModel, pipeline_parameters

    texts = [fold(t) for t in ("قتل عشرة جنود في هجوم على موقع للجيش.", "هاجم مسلحون «قرية» وقتلوا خمسة مدنيين،",
                               "التقى الرئيس وزير الخارجية لبحث التعاون.", "أعلنت اللجنة نتائج الانتخابات (الأولية).")]
    fitted = pipeline.make_pipeline(
        text_mod.TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True),
        linear.LogisticRegression(C=4.0, random_state=0)).fit(texts, [1, 1, 0, 0])
    model = GenreModel.from_json({"ngram_range": [2, 4], "lede_sentences": 3, "threshold": 0.5,
                                  **pipeline_parameters(fitted)})
    for text, expected in zip(texts, fitted.predict_proba(texts)[:, 1], strict=True):
        assert model.probability(text)[0] == pytest.approx(expected, abs=1e-4)
