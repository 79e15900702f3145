"""Read every self-check question of the site as Quiz objects, with the file and line of each.

The Quiz package API page shows this; the flashcards, the study plans and the mock interviews
build on the same call.
"""

# --8<-- [start:questions]
from collections import Counter

from markdown_exam.export import questions

found = questions()  # every quiz under docs/, in page order; raises if any quiz is malformed
pages = Counter(quiz.path.stem for quiz in found)
print(f"{len(found)} questions on {len(pages)} pages")
# > 102 questions on 9 pages
first = found[0]  # each quiz knows its page and line: quiz.path, quiz.line
print(first.path.name, first.id, first.type)
# > ab-testing.md ab-testing-raw-lift single
# --8<-- [end:questions]

assert all(quiz.id.startswith(quiz.path.stem) for quiz in found)
assert min(pages.values()) >= 1
