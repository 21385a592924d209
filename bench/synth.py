"""Synthetic Arabic news archive for scale tests and benchmarks (our own templates, no real reports).

    python bench/synth.py --docs 20000 --output archive/ --files 8 --seed 1

writes ``archive/synth-000.jsonl`` ... (one document a line: doc_id, published, title, text, url,
outlet). Reports mix attacks, ambushes, IEDs, abductions, attacks on civilians and non-conflict
news across Mali, Burkina Faso and Niger, with varied actors, dates and numbers written in
digits, Arabic-Indic digits and words. The same seed always gives the same archive.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

PLACES: dict[str, tuple[str, ...]] = {
    "مالي": ("تمبكتو", "غاو", "موبتي", "كيدال", "ميناكا", "سيغو", "دوينتزا", "بانكاس", "نيونو", "بوني", "تيسيت",
             "أنسونغو", "ديافارابي", "سيفاري", "ليري"),
    "بوركينا فاسو": ("جيبو", "دوري", "فادا نغورما", "كايا", "أربيندا", "ديدوغو", "سيبا", "بارسالوغو", "تيتاو",
                     "غورم غورم", "ناسومبو", "بوغاندي"),
    "النيجر": ("تيلابيري", "ديفا", "تاهوا", "أغاديز", "إيناتس", "شيناغودار", "تيلليا", "باني بانغو", "أيورو",
               "ماينيه سوروا", "تورودي", "تاسارا"),
}
ARMIES = {
    "مالي": ("الجيش المالي", "القوات المسلحة المالية", "الجيش المالي وعناصر فاغنر"),
    "بوركينا فاسو": ("جيش بوركينا فاسو", "القوات المسلحة البوركينية", "متطوعي الدفاع عن الوطن"),
    "النيجر": ("الجيش النيجري", "القوات المسلحة النيجرية", "الحرس الوطني النيجري"),
}
MILITANTS = (
    "جماعة نصرة الإسلام والمسلمين", "تنظيم الدولة الإسلامية في الصحراء الكبرى", "مسلحون مجهولون",
    "عناصر من تنظيم القاعدة", "جماعة أنصار الإسلام", "مسلحون يُعتقد أنهم جهاديون", "تنظيم داعش في منطقة الساحل",
)
SOURCES = ("مصدر أمني", "مسؤول محلي", "بيان للجيش", "وكالة الأنباء الرسمية", "شهود عيان", "مصادر طبية")
OUTLETS = ("وكالة الساحل", "صحيفة الصحراء", "إذاعة النيجر", "موقع الأخبار الإفريقية", "النشرة اليومية")
NUM_WORDS = {
    2: "اثنين", 3: "ثلاثة", 4: "أربعة", 5: "خمسة", 6: "ستة", 7: "سبعة", 8: "ثمانية", 9: "تسعة", 10: "عشرة",
    11: "أحد عشر", 12: "اثني عشر", 15: "خمسة عشر", 20: "عشرين", 30: "ثلاثين", 40: "أربعين", 50: "خمسين",
}
WEEKDAYS = ("الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
          "ديسمبر")
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

CONFLICT = (
    "قتل {n} جنود على الأقل في هجوم شنه {militant} على موقع عسكري في {place} {when}، حسب ما أفاد {source}.",
    "نصب {militant} كمينا لدورية تابعة لـ{army} قرب {place} {when}، ما أسفر عن مقتل {n} جنود وإصابة {m} آخرين.",
    "انفجرت عبوة ناسفة لدى مرور قافلة لـ{army} على الطريق بين {place} و{place2} {when}، ما أدى إلى مقتل {n} جنود.",
    "اختطف {militant} {n} مدنيين من قرية قريبة من {place} {when}، وفق ما ذكر {source}.",
    "قتل مسلحون {n} قرويين في هجوم على سوق أسبوعية في {place} شمالي {country} {when}.",
    "أعلن {army} أنه قتل {n} من الإرهابيين خلال عملية عسكرية في محيط {place} {when}، واستعاد أسلحة ودراجات نارية.",
    "هاجم انتحاري يقود سيارة مفخخة ثكنة لـ{army} في {place} {when}، ما أدى إلى سقوط {n} قتلى و{m} جرحى.",
    "استهدفت غارة بطائرة مسيرة تجمعا لـ{militant} قرب {place} {when}، وأعلن {source} مقتل عشرات المسلحين.",
)
BACKGROUND = (
    "وكانت المنطقة نفسها قد شهدت هجوما مماثلا في {month} {year} أسفر عن مقتل {n} أشخاص.",
    "وتشهد منطقة الساحل منذ عام {year} أعمال عنف تنسب إلى جماعات مرتبطة بتنظيمي القاعدة والدولة الإسلامية.",
    "ولم تتبن أي جهة الهجوم حتى الآن، لكن {militant} ينشط في هذه المنطقة الحدودية.",
)
QUOTES = (
    "وقال {source} إن \"الوضع تحت السيطرة وإن عمليات التمشيط مستمرة\".",
    "وأوضح {source} أن \"الحصيلة قد ترتفع لأن عددا من الجرحى في حالة خطيرة\".",
    "وأكد {source} أن التعزيزات وصلت إلى {place} صباح اليوم التالي.",
)
CALM = (
    "افتتح وزير الزراعة في {country} موسم حصاد القطن في {place} بحضور عدد من المزارعين والمسؤولين المحليين.",
    "ارتفعت أسعار الحبوب في أسواق {place} بنسبة {m} في المئة خلال الأسبوع الماضي بسبب ضعف الأمطار.",
    "وقعت حكومة {country} اتفاقا مع شركاء دوليين لتمويل بناء {n} مدارس جديدة في منطقة {place}.",
    "فاز منتخب {country} لكرة القدم على ضيفه بهدفين مقابل هدف في مباراة ودية أقيمت في العاصمة.",
    "أطلقت السلطات الصحية في {place} حملة تطعيم ضد الحصبة تستهدف أكثر من {m} ألف طفل.",
    "يحتفل سكان {place} بمهرجان ثقافي سنوي يجمع فرقا موسيقية من {country} والدول المجاورة.",
)
TITLES_CONFLICT = ("مقتل {n} جنود في هجوم بـ{country}", "هجوم دام قرب {place}", "{country}: كمين يستهدف دورية عسكرية",
                   "اختطاف مدنيين في {place}", "انفجار عبوة ناسفة في {country}")
TITLES_CALM = ("{country}: أخبار اقتصادية", "مهرجان في {place}", "حملة صحية في {place}", "اتفاق تمويل في {country}")


@dataclass(frozen=True, slots=True)
class SynthDoc:
    doc_id: str
    published: str
    title: str
    text: str
    url: str
    outlet: str

    def to_json(self) -> str:
        return json.dumps(
            {"doc_id": self.doc_id, "published": self.published, "title": self.title, "text": self.text,
             "url": self.url, "outlet": self.outlet},
            ensure_ascii=False,
        )


def _number(rng: random.Random, value: int) -> str:
    style = rng.random()
    if style < 0.35 and value in NUM_WORDS:
        return NUM_WORDS[value]
    if style < 0.55:
        return str(value).translate(INDIC)
    return str(value)


def _when(rng: random.Random, published: date) -> str:
    back = rng.randint(0, 6)
    day = published - timedelta(days=back)
    style = rng.randrange(4)
    if style == 0:
        return f"يوم {WEEKDAYS[day.weekday()]}"
    if style == 1:
        return f"في {_number(rng, day.day)} {MONTHS[day.month - 1]} {day.year}"
    if style == 2:
        return f"مساء {WEEKDAYS[day.weekday()]} الماضي"
    return "أمس" if back == 1 else f"فجر {WEEKDAYS[day.weekday()]}"


def _fill(rng: random.Random, template: str, country: str, published: date) -> str:
    place, place2 = rng.sample(PLACES[country], 2)
    values = {
        "n": _number(rng, rng.choice((2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 30, 40, 50, rng.randint(2, 140)))),
        "m": _number(rng, rng.randint(2, 60)),
        "place": place,
        "place2": place2,
        "country": country,
        "army": rng.choice(ARMIES[country]),
        "militant": rng.choice(MILITANTS),
        "source": rng.choice(SOURCES),
        "when": _when(rng, published),
        "month": rng.choice(MONTHS),
        "year": str(rng.randint(2012, published.year)),
    }
    return template.format(**values)


def generate(n: int, seed: int = 1, start: date = date(2015, 1, 1), days: int = 3650) -> Iterator[SynthDoc]:
    """``n`` synthetic reports; about 70 % conflict, 30 % non-conflict news."""
    rng = random.Random(seed)
    for i in range(n):
        country = rng.choice(tuple(PLACES))
        published = start + timedelta(days=rng.randrange(days))
        conflict = rng.random() < 0.7
        paragraphs: list[str] = []
        if conflict:
            title = _fill(rng, rng.choice(TITLES_CONFLICT), country, published)
            paragraphs.append(_fill(rng, rng.choice(CONFLICT), country, published))
            for _ in range(rng.randint(0, 2)):
                paragraphs.append(_fill(rng, rng.choice(QUOTES), country, published))
            if rng.random() < 0.6:
                paragraphs.append(_fill(rng, rng.choice(BACKGROUND), country, published))
            if rng.random() < 0.2:  # a second event in the same report
                paragraphs.append(_fill(rng, rng.choice(CONFLICT), country, published))
        else:
            title = _fill(rng, rng.choice(TITLES_CALM), country, published)
        for _ in range(rng.randint(1, 3)):
            paragraphs.append(_fill(rng, rng.choice(CALM), country, published))
        text = "\n\n".join(paragraphs)
        outlet = rng.choice(OUTLETS)
        doc_id = f"synth-{seed}-{i:08d}"
        yield SynthDoc(doc_id, published.isoformat(), title, text, f"https://example.org/{doc_id}", outlet)


def write_archive(output: Path, n: int, *, files: int = 1, seed: int = 1) -> list[Path]:
    """Write ``n`` documents spread over ``files`` JSON Lines files; returns their paths."""
    output.mkdir(parents=True, exist_ok=True)
    paths = [output / f"synth-{k:03d}.jsonl" for k in range(files)]
    handles = [p.open("w", encoding="utf-8") for p in paths]
    try:
        for i, doc in enumerate(generate(n, seed)):
            handles[i % files].write(doc.to_json() + "\n")
    finally:
        for h in handles:
            h.close()
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args(argv)
    paths = write_archive(args.output, args.docs, files=args.files, seed=args.seed)
    print(f"{args.docs} documents in {len(paths)} files under {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
